//! Request and response bodies in the shapes of Microsoft's Dataverse Web API documentation
//! (`tests/webapi/`, sources in `tests/webapi/SOURCES.md`): every response reads into the typed
//! records and writes back as the same JSON value; every request body is built with the typed
//! API and compared as a JSON value.

use dataverse_fixture_tables::{account, contact, email, task};
use dataverse_runtime::{self as rt, chrono, Decimal, Lookup, Null, Page, Party, Table, Uuid};
use serde_json::Value;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/webapi/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn value(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

fn id(n: &str) -> Uuid {
    Uuid::parse_str(&format!("00000000-0000-4000-8000-0000000000{n}")).expect("uuid")
}

fn decimal(text: &str) -> Decimal {
    Decimal::from_str_exact(text).expect("decimal")
}

/// Reads a response as `T`, writes it back, and checks the two JSON values are equal and that
/// every number is written with the digits it came with.
fn round_trip<T: rt::serde::de::DeserializeOwned + rt::serde::Serialize>(name: &str) -> T {
    let text = fixture(name);
    let read: T = rt::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let back = serde_json::to_string(&read).expect("writes");
    assert_eq!(value(&back), value(&text), "{name}: written back unchanged");
    for number in ["922337203685477.0000", "4520000.0000", "50000.0000"] {
        assert_eq!(
            text.matches(number).count(),
            back.matches(number).count(),
            "{name}: {number} keeps its digits"
        );
    }
    read
}

#[test]
fn retrieve_reads_typed_columns_formatted_values_and_lookups() {
    let a: account::Account = round_trip("response.retrieve_account");
    assert_eq!(a.etag.as_deref(), Some("W/\"81359849\""));
    assert_eq!(a.name.as_deref(), Some("Fourth Avenue Freight Ltd"));
    assert_eq!(a.revenue, Some(decimal("4520000.0000")));
    assert_eq!(a.revenue_base, Some(decimal("922337203685477.0000")));
    assert_eq!(a.numberofemployees, Some(240));
    assert_eq!(a.description, None);
    assert_eq!(a.industrycode, Some(account::IndustryCode::TRANSPORTATION));
    assert_eq!(a.statuscode.and_then(|s| s.label()), Some("Active"));
    assert_eq!(
        a.primarycontactid,
        Some(account::PrimaryContactId::Contact(id("c1")))
    );
    assert_eq!(a.ownerid, Some(account::OwnerId::Team(id("f1"))));
    let created = chrono::DateTime::parse_from_rfc3339("2024-03-14T16:05:11Z").expect("date");
    assert_eq!(a.createdon, Some(created.with_timezone(&chrono::Utc)));
    // What a response carries beyond the columns.
    let x = &a.extra;
    assert_eq!(
        x.formatted(account::columns::PRIMARYCONTACTID.property())
            .as_deref(),
        Some("Maya Okafor"),
        "a lookup's row name is the formatted value of `_x_value`"
    );
    assert_eq!(
        x.formatted(account::columns::REVENUE.property()).as_deref(),
        Some("$4,520,000.00")
    );
    assert_eq!(
        x.formatted(account::columns::INDUSTRYCODE.property())
            .as_deref(),
        Some("Transportation")
    );
    assert_eq!(x.lookup_table("_ownerid_value").as_deref(), Some("team"));
    assert_eq!(
        x.associated_navigation_property("_ownerid_value")
            .as_deref(),
        Some("ownerid")
    );
    assert!(x.context().is_some_and(|c| c.ends_with("/$entity")));
    assert!(
        x.get("_transactioncurrencyid_value").is_some(),
        "a property no page describes is kept"
    );
    assert_eq!(x.get("description").map(|j| j.get()), Some("null"));
}

#[test]
fn user_local_date_only_columns_are_utc_date_times() {
    let a: account::Account = round_trip("response.account_userlocal_dateonly");
    let lastused = a
        .lastusedincampaign
        .expect("a UserLocal DateOnly column reads");
    assert_eq!(lastused.to_rfc3339(), "2024-02-20T08:00:00+00:00");
    let overridden = a.overriddencreatedon.expect("reads");
    assert_eq!(overridden.to_rfc3339(), "2019-07-01T07:00:00+00:00");
}

#[test]
fn dates_by_behaviour() {
    let c: contact::Contact = round_trip("response.contact_dates");
    assert_eq!(c.birthdate, chrono::NaiveDate::from_ymd_opt(1986, 4, 23));
    let checkin =
        chrono::NaiveDate::from_ymd_opt(2024, 6, 14).and_then(|d| d.and_hms_opt(15, 0, 0));
    assert_eq!(
        c.sample_checkin, checkin,
        "time zone independent: wall clock"
    );
    let due = chrono::NaiveDate::from_ymd_opt(2024, 6, 20).and_then(|d| d.and_hms_opt(0, 0, 0));
    assert_eq!(
        c.sample_dueday, due,
        "time zone independent date only: midnight"
    );
    // The wrong shape names the column and what it expected.
    let bad = r#"{"birthdate": "1986-04-23T00:00:00Z"}"#;
    let err = rt::from_str::<contact::Contact>(bad).expect_err("a date-time is not a date");
    assert!(
        err.to_string().contains(
            "contact.birthdate: expected a date (`2024-01-31`), found \"1986-04-23T00:00:00Z\""
        ),
        "{err}"
    );
    let bad = r#"{"value": [{}, {"createdon": "2024-03-14"}]}"#;
    let err = rt::from_str::<Page<contact::Contact>>(bad).expect_err("a date is not a date-time");
    let text = err.to_string();
    assert!(text.starts_with("at value[1]"), "{text}");
    assert!(
        text.contains("contact.createdon: expected a UTC date-time"),
        "{text}"
    );
}

#[test]
fn a_page_has_rows_count_and_next_link() {
    let page: Page<account::Account> = round_trip("response.query_accounts_page");
    assert_eq!(page.rows.len(), 2);
    assert_eq!(page.count, Some(3));
    assert_eq!(page.total_record_count, Some(3));
    assert_eq!(page.total_record_count_limit_exceeded, Some(false));
    assert!(page
        .next_link
        .as_deref()
        .is_some_and(|l| l.contains("$skiptoken=")));
    assert_eq!(page.rows[1].revenue, None);
    assert!(page.extra.context().is_some());
}

#[test]
fn expanded_single_valued_navigation_reads_the_target_record() {
    let a: account::Account = round_trip("response.expand_primarycontact");
    let contact = a
        .expanded(account::navigation::PRIMARYCONTACTID)
        .expect("reads")
        .expect("expanded")
        .expect("not null");
    assert_eq!(contact.fullname.as_deref(), Some("Maya Okafor"));
    assert_eq!(contact.etag.as_deref(), Some("W/\"81358102\""));
    assert_eq!(contact.contactid, Some(id("c1")));
    assert_eq!(
        a.expanded(account::navigation::PARENTACCOUNTID)
            .expect("reads"),
        None
    );
}

#[test]
fn expanded_collections_read_with_their_next_link() {
    let page: Page<account::Account> = round_trip("response.expand_account_tasks");
    let tasks = page.rows[0]
        .expanded(account::navigation::ACCOUNT_TASKS)
        .expect("reads")
        .expect("expanded");
    assert_eq!(tasks.rows.len(), 2);
    assert_eq!(tasks.rows[0].prioritycode, Some(task::PriorityCode::HIGH));
    assert_eq!(
        tasks.rows[0].regardingobjectid.as_ref().map(Lookup::parts),
        Some((None, id("a1"))),
        "read without annotations: the target is not known"
    );
    assert!(tasks
        .next_link
        .as_deref()
        .is_some_and(|l| l
            .ends_with("/Account_Tasks?$select=subject,scheduledend,prioritycode,scheduledstart")));
}

#[test]
fn nested_expansions_read_at_any_depth() {
    let page: Page<account::Account> = round_trip("response.expand_nested");
    let contacts = page.rows[0]
        .expanded(account::navigation::CONTACT_CUSTOMER_ACCOUNTS)
        .expect("reads")
        .expect("expanded");
    assert!(!contacts.rows.is_empty());
    let tasks = contacts.rows[0]
        .expanded(contact::navigation::CONTACT_TASKS)
        .expect("reads")
        .expect("expanded");
    assert!(tasks.rows.iter().all(|t| t.subject.is_some()));
}

#[test]
fn created_with_return_representation() {
    let a: account::Account = round_trip("response.create_account_representation");
    assert!(a.accountid.is_some());
}

#[test]
fn activity_parties_and_derived_types() {
    let e: email::Email = round_trip("response.email_with_parties");
    assert!(
        e.actualstart.is_some(),
        "UserLocal DateOnly: a UTC date-time"
    );
    let to = e.to.expect("the parties were expanded");
    assert!(!to.is_empty());
    let page: Page<task::Task> = round_trip("response.activitypointers");
    let types: Vec<Option<String>> = page.rows.iter().map(|r| r.extra.derived_table()).collect();
    assert_eq!(types, [Some("task".to_string()), Some("email".to_string())]);
    // A table that is not generated reads as its properties, exactly.
    let raw: Page<rt::Extra> = round_trip("response.activitypointers");
    assert_eq!(
        raw.rows[1].odata_type().as_deref(),
        Some("#Microsoft.Dynamics.CRM.email")
    );
}

fn same_json(built: Result<String, rt::BodyError>, name: &str) {
    let built = built.unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(value(&built), value(&fixture(name)), "{name}");
}

#[test]
fn create_with_lookups_bound() {
    let body = account::Account::create()
        .set(account::columns::NAME, "Northgate Cold Storage")
        .set(account::columns::REVENUE, decimal("1250000"))
        .set(account::columns::NUMBEROFEMPLOYEES, 85)
        .set(
            account::columns::INDUSTRYCODE,
            account::IndustryCode::TRANSPORTATION,
        )
        .raw("creditonhold", &false)
        .set(account::columns::PRIMARYCONTACTID, id("c1"))
        .set(
            account::columns::OWNERID,
            account::OwnerId::Systemuser(id("e1")),
        );
    same_json(body.to_json(), "request.create_account");
}

#[test]
fn update_writes_null_explicitly_and_clears_a_lookup() {
    let body = account::Account::update()
        .set(account::columns::NAME, "Fourth Avenue Freight Group")
        .set(account::columns::CREDITLIMIT, decimal("75000.50"))
        .raw("creditonhold", &true)
        .set(account::columns::DESCRIPTION, Null)
        .set(account::columns::PARENTACCOUNTID, Null);
    let json = body.to_json();
    assert!(
        json.as_deref().is_ok_and(|j| j.contains("75000.50")),
        "exact decimal"
    );
    same_json(json, "request.update_account");
}

#[test]
fn create_binds_a_collection() {
    let body = account::Account::create()
        .set(account::columns::NAME, "Northgate Cold Storage")
        .raw("creditonhold", &false)
        .set(account::columns::PRIMARYCONTACTID, id("c1"))
        .bind(account::navigation::ACCOUNT_TASKS, [id("b1"), id("b2")]);
    same_json(body.to_json(), "request.create_account_bind_tasks");
}

#[test]
fn deep_insert_creates_related_rows() {
    let contact = contact::Contact::create()
        .set(contact::columns::FIRSTNAME, "Tomas")
        .set(contact::columns::LASTNAME, "Lindqvist")
        .set(
            contact::columns::EMAILADDRESS1,
            "tomas.lindqvist@northgatecold.example",
        )
        .raw("jobtitle", &"Warehouse Lead");
    let due = chrono::DateTime::parse_from_rfc3339("2024-05-17T23:00:00Z").expect("date");
    let tasks = [
        task::Task::create()
            .set(
                task::columns::SUBJECT,
                "Collect the signed service agreement",
            )
            .set(task::columns::SCHEDULEDEND, due.with_timezone(&chrono::Utc))
            .set(task::columns::PRIORITYCODE, task::PriorityCode::HIGH),
        task::Task::create().set(task::columns::SUBJECT, "Schedule the first site inspection"),
    ];
    let body = account::Account::create()
        .set(account::columns::NAME, "Northgate Cold Storage")
        .raw("creditonhold", &false)
        .insert_one(account::navigation::PRIMARYCONTACTID, contact)
        .insert_many(account::navigation::ACCOUNT_TASKS, tasks);
    same_json(body.to_json(), "request.deep_insert_account");
}

#[test]
fn create_an_email_with_parties() {
    let body = email::Email::create()
        .set(
            email::columns::SUBJECT,
            "Welcome to Contoso freight services",
        )
        .set(
            email::columns::DESCRIPTION,
            "<p>Hello Maya,</p><p>thank you for choosing us.</p>",
        )
        .set(email::columns::DIRECTIONCODE, true)
        .raw("deliveryprioritycode", &1)
        .set(
            email::columns::REGARDINGOBJECTID,
            email::RegardingObjectId::Account(id("a1")),
        )
        .set(
            email::columns::FROM,
            vec![Party::row(email::From::Systemuser(id("e1")))],
        )
        .set(
            email::columns::TO,
            vec![
                Party::row(email::To::Contact(id("c1"))),
                Party::address("dispatch@fourthavenuefreight.example"),
            ],
        )
        .set(
            email::columns::CC,
            vec![Party {
                party: Some(email::Cc::Account(id("a1"))),
                address_used: Some("accounts@fourthavenuefreight.example".to_string()),
            }],
        );
    same_json(body.to_json(), "request.create_email_with_parties");
}

#[test]
fn associate_through_ref() {
    let body =
        rt::reference::<task::Task>("https://contoso.crm.dynamics.com/api/data/v9.2/", id("b2"));
    same_json(Ok(body), "request.associate_ref");
    let trimmed = rt::reference::<task::Task>("https://x/api/data/v9.2", id("b2"));
    assert!(
        trimmed.contains(r#""https://x/api/data/v9.2/tasks("#),
        "{trimmed}"
    );
}

#[test]
fn the_table_trait_describes_every_record() {
    fn describe<T: Table>() -> (&'static str, &'static str, bool) {
        (
            T::LOGICAL_NAME,
            T::ENTITY_SET_NAME,
            T::ENTITY_SET_NAME_ASSUMED,
        )
    }
    assert_eq!(
        describe::<account::Account>(),
        ("account", "accounts", false)
    );
    assert_eq!(describe::<task::Task>(), ("task", "tasks", false));
    // A base page describes both.
    assert_eq!(
        [account::Account::EXTENSION_ONLY, task::Task::EXTENSION_ONLY],
        [false, false]
    );
    assert_eq!(
        <account::Account as Table>::PRIMARY_NAME_ATTRIBUTE,
        Some("name")
    );
}
