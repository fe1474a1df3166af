//! Writes on the generated tables against the requests Microsoft documents (Microsoft Learn,
//! Dataverse Web API). Each test names the page and section its goldens come from:
//!
//! - "Create a table row using the Web API" (`webapi/create-entity-web-api`),
//! - "Update and delete table rows using the Web API"
//!   (`webapi/update-delete-entities-using-web-api`),
//! - "Associate and disassociate table rows using the Web API"
//!   (`webapi/associate-disassociate-entities-using-web-api`),
//! - "Use an alternate key to reference a record" (`use-alternate-key-reference-record`),
//! - "Use Upsert to Create or Update a record" (`use-upsert-insert-update-record`),
//! - "Perform conditional operations using the Web API"
//!   (`webapi/perform-conditional-operations-using-web-api`),
//! - "Retrieve a table row using the Web API" (`webapi/retrieve-entity-using-web-api`),
//! - "Web API basic operations sample" (`webapi/web-api-basic-operations-sample`),
//! - "Execute batch operations using the Web API" (`write/batch.rs`),
//!
//! all under `https://learn.microsoft.com/power-apps/developer/data-platform/`.
//!
//! Each golden is the documented method, URL, headers and body (bodies compared as JSON
//! values) with the docs' columns and tables adapted to the fixture tables where they are
//! missing (said where they are), and the docs' ids kept. Equivalent forms: the docs' `v9.0`
//! root is this file's `v9.2` one; `Content-Type: application/json` where the docs write
//! `; charset=utf-8`; no `Content-Type` on a request without a body, where some examples print
//! one ("Every request that includes JSON data in the request body must include a
//! `Content-Type` header", "Compose HTTP requests and handle errors"); `Accept:
//! application/json` on every request, which some examples leave out ("Every request should
//! include the `Accept` header value of `application/json`", same page); binds with a leading
//! `/` (`/contacts(<id>)`), which the docs write both with and without.
//!
//! `If-None-Match: null`, which "All HTTP requests should include" (same page) and most
//! examples carry, is on every request without an `If-None-Match` of its own, whether or not
//! the example quotes it ([`CACHE`]).

use dataverse_fixture_tables::account::{self, columns, Account, AccountCategoryCode};
use dataverse_fixture_tables::{contact, task};
use dataverse_runtime::query::{
    associate, clear_reference, create, delete, disassociate, retrieve, set_reference, update,
    upsert, Key, Operation,
};
use dataverse_runtime::{self as rt, Decimal, Uuid};
use serde_json::{json, Value};

#[path = "write/associate.rs"]
mod associate;
#[path = "write/batch.rs"]
mod batch;
#[path = "write/rows.rs"]
mod rows;

/// `[Organization URI]/api/data/v9.2/`.
const BASE: &str = "https://contoso.crm.dynamics.com/api/data/v9.2/";

/// On every request without an `If-None-Match` of its own (see the file's documentation):
/// [`assert_documented`] expects it whether or not the example quotes it.
const CACHE: (&str, &str) = ("If-None-Match", "null");

type Request = rt::http::Request<Vec<u8>>;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// Added to a retrieve of every column of a table with a lookup of several targets (`ownerid`,
/// `parentcustomerid`): the server then sends each value's table, and the record reads the
/// value as its target instead of `Unknown`. An addition to the documented request.
const LOOKUP_TABLES: (&str, &str) = (
    "Prefer",
    r#"odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname""#,
);

fn uuid(text: &str) -> Uuid {
    text.parse().expect("a GUID")
}

/// Checks a request against a documented one: the method, the URL (relative to the Web API
/// root, as the docs print it after `[Organization URI]/api/data/v9.2/`), the OData headers,
/// the request's own headers (the docs' other headers, `(name, value)`, but `Content-Type`,
/// and [`CACHE`] unless the request has its own `If-None-Match`; no others) and the body as
/// JSON (or none).
fn assert_documented(
    request: &Request,
    method: &str,
    path: &str,
    documented: &[(&str, &str)],
    body: Option<Value>,
) {
    assert_eq!(request.method(), method);
    assert_eq!(request.uri().to_string(), format!("{BASE}{path}"));
    let headers = request.headers();
    assert_eq!(headers["accept"], "application/json");
    assert_eq!(headers["odata-maxversion"], "4.0");
    assert_eq!(headers["odata-version"], "4.0");
    let mut got: Vec<(String, String)> = headers
        .iter()
        .filter(|(k, _)| !["accept", "odata-maxversion", "odata-version"].contains(&k.as_str()))
        .map(|(k, v)| (k.to_string(), v.to_str().expect("ASCII").to_string()))
        .collect();
    let mut want: Vec<(String, String)> = documented
        .iter()
        .filter(|&&header| header != CACHE)
        .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
        .collect();
    if !want.iter().any(|(k, _)| k == "if-none-match") {
        want.push(("if-none-match".into(), "null".into()));
    }
    if body.is_some() {
        want.push(("content-type".into(), "application/json".into()));
    }
    got.sort();
    want.sort();
    assert_eq!(got, want, "{path}");
    match body {
        Some(body) => {
            let got: Value = serde_json::from_slice(request.body()).expect("JSON body");
            assert_eq!(got, body, "{path}");
        }
        None => assert!(request.body().is_empty(), "{path}"),
    }
}

#[test]
fn create_a_row() {
    // "Create a table row", "Basic create": `POST accounts`; the docs' `creditonhold` and
    // `address1_latitude` are not fixture columns.
    let body = Account::create()
        .set(columns::NAME, "Sample Account")
        .set(
            columns::DESCRIPTION,
            "This is the description of the sample account",
        )
        .set(columns::REVENUE, Decimal::from(5_000_000));
    let basic = body.clone().set(
        columns::ACCOUNTCATEGORYCODE,
        AccountCategoryCode::PREFERRED_CUSTOMER,
    );
    let r = create(basic).to_request(BASE).expect("builds");
    let want = json!({
        "name": "Sample Account",
        "description": "This is the description of the sample account",
        "revenue": 5000000,
        "accountcategorycode": 1
    });
    assert_documented(&r, "POST", "accounts", &[], Some(want));
    // "Create with data returned": `$select` (the same two columns adapted away) and
    // `Prefer: return=representation`; this example's body has no `accountcategorycode`.
    let r = create(body)
        .select(returned())
        .to_request(BASE)
        .expect("builds");
    assert_documented(
        &r,
        "POST",
        "accounts?$select=name,description,revenue,accountcategorycode,createdon",
        &[("Prefer", "return=representation")],
        Some(json!({
            "name": "Sample Account",
            "description": "This is the description of the sample account",
            "revenue": 5000000
        })),
    );
}

#[test]
fn create_with_binds_and_related_rows() {
    // "Create a table row", "Associate table rows on create": the request as printed, with
    // its `$select`/`$expand` and `Prefer: return=representation`.
    let body = Account::create()
        .set(columns::NAME, "Sample Account")
        .set(columns::PRIMARYCONTACTID, id(1))
        .bind(account::navigation::ACCOUNT_TASKS, [id(2), id(3)]);
    let r = create(body)
        .select(columns::NAME)
        .expand(account::navigation::PRIMARYCONTACTID, |c| {
            c.select(contact::columns::FULLNAME)
        })
        .expand(account::navigation::ACCOUNT_TASKS, |t| {
            t.select(task::columns::SUBJECT)
        })
        .to_request(BASE)
        .expect("builds");
    assert_documented(
        &r,
        "POST",
        "accounts?$select=name&$expand=primarycontactid($select=fullname),Account_Tasks($select=subject)",
        &[("Prefer", "return=representation")],
        Some(json!({
            "name": "Sample Account",
            "primarycontactid@odata.bind": "/contacts(00000000-0000-0000-0000-000000000001)",
            "Account_Tasks@odata.bind": [
                "/tasks(00000000-0000-0000-0000-000000000002)",
                "/tasks(00000000-0000-0000-0000-000000000003)"
            ]
        })),
    );
    // "Create a table row", "Create related table rows in one operation" (deep insert). The
    // fixture account has no opportunities: the docs' `opportunity_customer_accounts` (its
    // `name`) and `Opportunity_Tasks` are `contact_customer_accounts` (a contact's `lastname`)
    // and `Contact_Tasks` here, the same three levels; the values are the docs'.
    let body = Account::create()
        .set(columns::NAME, "Sample Account")
        .insert_one(
            account::navigation::PRIMARYCONTACTID,
            contact::Contact::create()
                .set(contact::columns::FIRSTNAME, "John")
                .set(contact::columns::LASTNAME, "Smith"),
        )
        .insert_many(
            account::navigation::CONTACT_CUSTOMER_ACCOUNTS,
            [contact::Contact::create()
                .set(
                    contact::columns::LASTNAME,
                    "Opportunity associated to Sample Account",
                )
                .insert_many(
                    contact::navigation::CONTACT_TASKS,
                    [task::Task::create()
                        .set(task::columns::SUBJECT, "Task associated to opportunity")],
                )],
        );
    let r = create(body).to_request(BASE).expect("builds");
    let want = json!({
        "name": "Sample Account",
        "primarycontactid": {"firstname": "John", "lastname": "Smith"},
        "contact_customer_accounts": [{
            "lastname": "Opportunity associated to Sample Account",
            "Contact_Tasks": [{"subject": "Task associated to opportunity"}]
        }]
    });
    assert_documented(&r, "POST", "accounts", &[], Some(want));
    // "Web API basic operations sample", "Section 2: Create with association": the docs bind
    // `contacts(<id>)` without the leading `/`.
    let body = Account::create()
        .set(columns::NAME, "Contoso Ltd")
        .set(columns::TELEPHONE1, "555-5555")
        .set(
            columns::PRIMARYCONTACTID,
            uuid("0928bcb4-bb27-ed11-9db1-002248274ada"),
        );
    let r = create(body).to_request(BASE).expect("builds");
    assert_documented(
        &r,
        "POST",
        "accounts",
        &[CACHE],
        Some(json!({
            "name": "Contoso Ltd",
            "telephone1": "555-5555",
            "primarycontactid@odata.bind": "/contacts(0928bcb4-bb27-ed11-9db1-002248274ada)"
        })),
    );
}

/// The columns "Create with data returned" and "Update with data returned" select:
/// `$select=name,description,revenue,accountcategorycode,createdon`.
fn returned() -> impl dataverse_runtime::query::Selection<Account> {
    (
        columns::NAME,
        columns::DESCRIPTION,
        columns::REVENUE,
        columns::ACCOUNTCATEGORYCODE,
        columns::CREATEDON,
    )
}

/// The body of "Update and delete table rows", "Basic update" (`creditonhold`,
/// `address1_latitude` adapted away), and its JSON.
fn basic_update() -> (rt::Body<Account, rt::Update>, Value) {
    let body = Account::update()
        .set(columns::NAME, "Updated Sample Account ")
        .set(
            columns::DESCRIPTION,
            "This is the updated description of the sample account",
        )
        .set(columns::REVENUE, Decimal::from(6_000_000))
        .set(columns::ACCOUNTCATEGORYCODE, AccountCategoryCode::STANDARD);
    let want = json!({
        "name": "Updated Sample Account ",
        "description": "This is the updated description of the sample account",
        "revenue": 6000000,
        "accountcategorycode": 2
    });
    (body, want)
}

#[test]
fn update_and_delete() {
    // "Update and delete table rows", "Basic update" (`creditonhold`, `address1_latitude`
    // adapted away): `If-Match: *`, so that an update never creates the row (a bare `PATCH`
    // is an upsert). The same request is "Prevent create in upsert" of "Perform conditional
    // operations" (see `alternate_keys_and_upsert`).
    let (body, want) = basic_update();
    let row = "accounts(00000000-0000-0000-0000-000000000001)";
    let r = update(id(1), body).to_request(BASE).expect("builds");
    assert_documented(&r, "PATCH", row, &[("If-Match", "*")], Some(want));
    // "Update with data returned": its own body, `$select` (the same two columns adapted
    // away), `Prefer: return=representation` and `If-Match: *`.
    let r = update(
        id(1),
        Account::update().set(columns::NAME, "Updated Sample Account"),
    )
    .select(returned())
    .to_request(BASE)
    .expect("builds");
    assert_documented(
        &r,
        "PATCH",
        &format!("{row}?$select=name,description,revenue,accountcategorycode,createdon"),
        &[("Prefer", "return=representation"), ("If-Match", "*")],
        Some(json!({"name": "Updated Sample Account"})),
    );
    // "Basic delete".
    let r = delete::<Account>(id(1)).to_request(BASE).expect("builds");
    assert_documented(&r, "DELETE", row, &[], None);
}

#[test]
fn retrieve_a_row() {
    // "Retrieve a table row", "Basic retrieve".
    let row = "accounts(00000000-0000-0000-0000-000000000001)";
    let r = retrieve::<Account>(id(1)).to_request(BASE).expect("builds");
    assert_documented(&r, "GET", row, &[LOOKUP_TABLES], None);
    // "Retrieve specific properties".
    let r = retrieve::<Account>(id(1))
        .select((columns::NAME, columns::REVENUE))
        .to_request(BASE)
        .expect("builds");
    assert_documented(&r, "GET", &format!("{row}?$select=name,revenue"), &[], None);
}

#[test]
fn alternate_keys_and_upsert() {
    // "Use an alternate key to reference a record": "With a primary key"
    // (`accounts(accountid=<id>)`, the named form) and "With single alternate key"
    // (`accounts(accountnumber='ABC123')`: the fixture account has no `accountnumber`, so the
    // key is `name` here).
    let r = retrieve::<Account>(Key::new(columns::ACCOUNTID, id(1)))
        .to_request(BASE)
        .expect("builds");
    assert_documented(
        &r,
        "GET",
        "accounts(accountid=00000000-0000-0000-0000-000000000001)",
        &[LOOKUP_TABLES],
        None,
    );
    let r = retrieve::<Account>(Key::new(columns::NAME, "ABC123"))
        .to_request(BASE)
        .expect("builds");
    assert_documented(&r, "GET", "accounts(name='ABC123')", &[LOOKUP_TABLES], None);
    // "Retrieve a table row", "Retrieve record using an alternate key": several columns, and
    // a lookup column by its lookup property.
    let key = Key::new(contact::columns::FIRSTNAME, "Joe")
        .and(contact::columns::EMAILADDRESS1, "abc@example.com");
    let path = "contacts(firstname='Joe',emailaddress1='abc@example.com')";
    let r = retrieve::<contact::Contact>(key.clone())
        .to_request(BASE)
        .expect("builds");
    assert_documented(&r, "GET", path, &[LOOKUP_TABLES], None);
    let r = retrieve::<Account>(Key::new(columns::PRIMARYCONTACTID, id(1)))
        .to_request(BASE)
        .expect("builds");
    assert_documented(
        &r,
        "GET",
        "accounts(_primarycontactid_value=00000000-0000-0000-0000-000000000001)",
        &[LOOKUP_TABLES],
        None,
    );
    // "Use Upsert to Create or Update a record", "Create with upsert" and "Create with upsert
    // and return=representation preference": the docs' `example_records(example_key1=2,
    // example_key2=2)` and `example_name` are the contact key above and `lastname` here.
    let r = upsert(
        key.clone(),
        contact::Contact::create().set(contact::columns::LASTNAME, "2:2"),
    )
    .to_request(BASE)
    .expect("builds");
    assert_documented(
        &r,
        "PATCH",
        path,
        &[CACHE],
        Some(json!({"lastname": "2:2"})),
    );
    let r = upsert(
        key,
        contact::Contact::create().set(contact::columns::LASTNAME, "3:3"),
    )
    .select(contact::columns::CONTACTID)
    .to_request(BASE)
    .expect("builds");
    assert_documented(
        &r,
        "PATCH",
        &format!("{path}?$select=contactid"),
        &[CACHE, ("Prefer", "return=representation")],
        Some(json!({"lastname": "3:3"})),
    );
    // "Perform conditional operations", "Prevent create in upsert" (`If-Match: *`) and
    // "Prevent update in upsert" (`If-None-Match: *`), with the "Basic update" body
    // (`creditonhold`, `address1_latitude` adapted away).
    let (body, want) = basic_update();
    let row = "accounts(00000000-0000-0000-0000-000000000001)";
    let r = upsert(id(1), body.clone())
        .update_only()
        .to_request(BASE)
        .expect("builds");
    assert_documented(&r, "PATCH", row, &[("If-Match", "*")], Some(want.clone()));
    let r = upsert(id(1), body)
        .create_only()
        .to_request(BASE)
        .expect("builds");
    assert_documented(&r, "PATCH", row, &[("If-None-Match", "*")], Some(want));
    // Not from the docs: a quote in a key value is doubled and a space encoded. (The docs list
    // `/`, `<`, `>`, `*`, `%`, `&`, `:`, `\`, `?`, `+` as unsupported in key values; the
    // builder encodes them instead of refusing them.)
    let r = delete::<Account>(Key::new(columns::NAME, "O'Neil Co")).to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "DELETE",
        "accounts(name='O''Neil%20Co')",
        &[],
        None,
    );
}

#[test]
fn conditional_operations() {
    // "Perform conditional operations", "Conditional retrievals" (`accountnumber`,
    // `creditonhold` adapted away): the row only if it changed since `W/"468026"`.
    let read: Account = rt::from_str(
        r#"{"@odata.etag":"W/\"468026\"","accountid":"00000000-0000-0000-0000-000000000001","name":"Sample Account"}"#,
    )
    .expect("reads");
    let r = retrieve::<Account>(id(1))
        .select((
            columns::ACCOUNTCATEGORYCODE,
            columns::CREATEDON,
            columns::NUMBEROFEMPLOYEES,
        ))
        .select((columns::NAME, columns::REVENUE))
        .if_none_match(&read.etag)
        .to_request(BASE)
        .expect("builds");
    assert_documented(
        &r,
        "GET",
        "accounts(00000000-0000-0000-0000-000000000001)?$select=accountcategorycode,createdon,numberofemployees,name,revenue",
        &[("If-None-Match", r#"W/"468026""#)],
        None,
    );
    // "Apply optimistic concurrency on delete" and "... on update": only the version read,
    // `W/"470867"`.
    let etag = r#"W/"470867""#;
    let r = delete::<Account>(id(1))
        .if_match(etag)
        .to_request(BASE)
        .expect("builds");
    assert_documented(
        &r,
        "DELETE",
        "accounts(00000000-0000-0000-0000-000000000001)",
        &[("If-Match", etag)],
        None,
    );
    let body = Account::update().set(columns::NAME, "Updated Account Name");
    let r = update(id(1), body)
        .if_match(etag)
        .to_request(BASE)
        .expect("builds");
    assert_documented(
        &r,
        "PATCH",
        "accounts(00000000-0000-0000-0000-000000000001)",
        &[("If-Match", etag)],
        Some(json!({"name": "Updated Account Name"})),
    );
}
