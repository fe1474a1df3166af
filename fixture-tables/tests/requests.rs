//! The requests of every operation, per table, as snapshots (`tests/snapshots/requests__*.snap`):
//! a change of the pages that alters a request (an entity set, a column's property, a lookup's
//! bind, a navigation property, what a column allows) shows as a diff in review. Each table's
//! operations use its own columns and navigation properties: queries (select, filter, order,
//! expand of each navigation property, paging, counts, related rows), retrieve, create with
//! binds, update with `If-Match`, upsert by alternate key, delete, property reads and writes,
//! associations, and a `$batch`.

use dataverse_fixture_tables::{account, contact, email, sample_bankaccount, task};
use dataverse_runtime::query::{
    associate, count_related, count_rows, create, delete, delete_property, describe, disassociate,
    query_related, retrieve, retrieve_property, retrieve_related, set_property, set_reference,
    update, upsert, Batch, Key, Operation,
};
use dataverse_runtime::{self as rt, query, Decimal, Null, Party, Uuid};
use std::fmt::{Display, Write};

const BASE: &str = "https://contoso.crm.dynamics.com/api/data/v9.2/";

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// The requests rendered for review ([`describe`]): one section per operation.
#[derive(Default)]
struct Sheet(String);

impl Sheet {
    fn add<E: Display>(&mut self, name: &str, request: Result<rt::http::Request<Vec<u8>>, E>) {
        let _ = writeln!(self.0, "## {name}");
        match request {
            Ok(r) => self.0.push_str(&describe(&r, BASE)),
            Err(e) => {
                let _ = writeln!(self.0, "refused: {e}");
            }
        }
        self.0.push('\n');
    }

    fn op(&mut self, name: &str, op: &impl Operation) {
        self.add(name, op.to_request(BASE));
    }
}

#[test]
fn account() {
    use account::{columns::*, navigation as n, Account, AccountCategoryCode, OwnerId};
    use n::{ACCOUNT_EMAILS, ACCOUNT_PARENT_ACCOUNT, ACCOUNT_TASKS, CONTACT_CUSTOMER_ACCOUNTS};
    let mut s = Sheet::default();
    s.add("query: every column", query::<Account>().to_request(BASE));
    s.add(
        "query: select, filter, order, top",
        query::<Account>()
            .select((
                NAME,
                REVENUE,
                PRIMARYCONTACTID,
                OWNERID,
                ACCOUNTCATEGORYCODE,
            ))
            .filter(NAME.starts_with("Contoso") & REVENUE.gt(Decimal::from(1000)))
            .filter(ACCOUNTCATEGORYCODE.eq(AccountCategoryCode::PREFERRED_CUSTOMER))
            .order_by(NAME.asc())
            .top(10)
            .to_request(BASE),
    );
    s.add(
        "query: expand each navigation property, paged, counted",
        query::<Account>()
            .select(NAME)
            .expand(n::PRIMARYCONTACTID, |c| {
                c.select(contact::columns::FULLNAME)
            })
            .expand(n::PARENTACCOUNTID, |a| a.select(NAME))
            .expand(ACCOUNT_TASKS, |t| t.select(task::columns::SUBJECT).top(5))
            .expand(ACCOUNT_EMAILS, |e| e.select(email::columns::SUBJECT))
            .expand(ACCOUNT_PARENT_ACCOUNT, |a| a.select(NAME))
            .expand(CONTACT_CUSTOMER_ACCOUNTS, |c| {
                c.select(contact::columns::FULLNAME)
            })
            .count()
            .page_size(50)
            .formatted_values()
            .to_request(BASE),
    );
    s.add(
        "query: lambdas and a path through a lookup",
        query::<Account>()
            .select(NAME)
            .filter(ACCOUNT_TASKS.any(task::columns::SUBJECT.contains("call")))
            .filter(n::PRIMARYCONTACTID.matches(contact::columns::LASTNAME.eq("O'Neil")))
            .to_request(BASE),
    );
    s.add(
        "query: related rows",
        query_related(id(1), ACCOUNT_TASKS)
            .select(task::columns::SUBJECT)
            .to_request(BASE),
    );
    s.op("count: rows", &count_rows::<Account>());
    s.op("count: related rows", &count_related(id(1), ACCOUNT_TASKS));
    s.op(
        "retrieve",
        &retrieve::<Account>(id(1)).select((NAME, REVENUE)),
    );
    s.op(
        "retrieve: a lookup's row",
        &retrieve_related(id(1), n::PRIMARYCONTACTID).select(contact::columns::FULLNAME),
    );
    s.op("retrieve: one property", &retrieve_property(id(1), NAME));
    let body = Account::create()
        .set(NAME, "Contoso")
        .set(REVENUE, Decimal::new(500075, 2))
        .set(PARENTACCOUNTID, id(2))
        .set(OWNERID, OwnerId::Team(id(3)))
        .bind(ACCOUNT_TASKS, [id(4), id(5)])
        .insert_one(
            n::PRIMARYCONTACTID,
            contact::Contact::create().set(contact::columns::LASTNAME, "Smith"),
        );
    s.op(
        "create: binds, a collection bind, a deep insert",
        &create(body),
    );
    let both = Account::create()
        .set(PRIMARYCONTACTID, id(2))
        .insert_one(n::PRIMARYCONTACTID, contact::Contact::create());
    s.op(
        "create: a row both bound and created is refused",
        &create(both),
    );
    s.op(
        "create: returning the row",
        &create(Account::create().set(NAME, "Fabrikam")).select(NAME),
    );
    let etag = Some(r#"W/"1001""#.to_string());
    let body = Account::update()
        .set(NAME, "Fabrikam")
        .set(PARENTACCOUNTID, Null);
    s.op("update: If-Match", &update(id(1), body).if_match(&etag));
    s.op(
        "retrieve: an alternate key value Dataverse does not take is refused",
        &retrieve::<Account>(Key::new(NAME, "Contoso & Co")),
    );
    let key = Key::new(NAME, "Contoso (Co)");
    s.op(
        "upsert: by alternate key, create only",
        &upsert(key, Account::create().set(REVENUE, Decimal::from(7))).create_only(),
    );
    s.op(
        "delete: If-Match",
        &delete::<Account>(id(1)).if_match(&etag),
    );
    s.op(
        "property: set",
        &set_property(id(1), TELEPHONE1, "555-0100"),
    );
    s.op("property: clear", &delete_property(id(1), DESCRIPTION));
    s.op(
        "associate: collection-valued",
        &associate(id(1), ACCOUNT_TASKS, id(4)),
    );
    s.op(
        "disassociate: collection-valued",
        &disassociate(id(1), ACCOUNT_TASKS, id(4)),
    );
    s.op(
        "set reference: single-valued",
        &set_reference(id(1), n::PRIMARYCONTACTID, id(2)),
    );
    let batch = Batch::with_id("account")
        .request(query::<Account>().select(NAME).top(1))
        .change_set(|set| {
            let created = set.add(create(Account::create().set(NAME, "In a change set")));
            set.add(associate(created, ACCOUNT_TASKS, id(4)));
        });
    s.add("batch: a query and a change set", batch.to_request(BASE));
    insta::assert_snapshot!(s.0);
}

#[test]
fn contact() {
    use contact::{columns::*, navigation::*, Contact, ParentCustomerId};
    let mut s = Sheet::default();
    s.add("query: every column", query::<Contact>().to_request(BASE));
    s.add(
        "query: dates by behaviour, a customer lookup",
        query::<Contact>()
            .select((FULLNAME, BIRTHDATE, SAMPLE_CHECKIN, PARENTCUSTOMERID))
            .filter(BIRTHDATE.on_or_after(rt::Date::from_ymd_opt(1990, 1, 31).unwrap_or_default()))
            .filter(CREATEDON.last_x_days(7))
            .to_request(BASE),
    );
    s.add(
        "query: expand each navigation property",
        query::<Contact>()
            .select(FULLNAME)
            .expand(PARENTCUSTOMERID_ACCOUNT, |a| {
                a.select(account::columns::NAME)
            })
            .expand(PARENTCUSTOMERID_CONTACT, |c| c.select(FULLNAME))
            .expand(ACCOUNT_PRIMARY_CONTACT, |a| {
                a.select(account::columns::NAME)
            })
            .expand(CONTACT_CUSTOMER_CONTACTS, |c| c.select(FULLNAME))
            .expand(CONTACT_EMAILS, |e| e.select(email::columns::SUBJECT))
            .expand(CONTACT_TASKS, |t| t.select(task::columns::SUBJECT))
            .to_request(BASE),
    );
    let body = Contact::create()
        .set(FIRSTNAME, "Jo")
        .set(LASTNAME, "Brown")
        .set(PARENTCUSTOMERID, ParentCustomerId::Account(id(1)));
    s.op("create: a customer bind", &create(body));
    let key = Key::new(FIRSTNAME, "Jo").and(EMAILADDRESS1, "jo@example.com");
    s.op(
        "upsert: by a key of two parts, update only",
        &upsert(key, Contact::update().set(LASTNAME, "Brown")).update_only(),
    );
    s.op(
        "set reference: a customer's account",
        &set_reference(id(2), PARENTCUSTOMERID_ACCOUNT, id(1)),
    );
    insta::assert_snapshot!(s.0);
}

#[test]
fn email() {
    use email::{columns::*, navigation::*, Email, From, RegardingObjectId, To};
    let mut s = Sheet::default();
    s.add("query: every column", query::<Email>().to_request(BASE));
    s.add(
        "query: with its parties",
        query::<Email>()
            .select(SUBJECT)
            .expand(EMAIL_ACTIVITY_PARTIES, |p| p)
            .expand(REGARDINGOBJECTID_ACCOUNT_EMAIL, |a| {
                a.select(account::columns::NAME)
            })
            .expand(REGARDINGOBJECTID_CONTACT_EMAIL, |c| {
                c.select(contact::columns::FULLNAME)
            })
            .to_request(BASE),
    );
    let body = Email::create()
        .set(SUBJECT, "Hello")
        .set(REGARDINGOBJECTID, RegardingObjectId::Account(id(1)))
        .set(FROM, vec![Party::row(From::Systemuser(id(9)))])
        .set(
            TO,
            vec![
                Party::row(To::Contact(id(2))),
                Party::address("someone@example.com"),
            ],
        );
    s.op(
        "create: parties in the activity-parties collection",
        &create(body),
    );
    insta::assert_snapshot!(s.0);
}

#[test]
fn task() {
    use task::{columns::*, navigation::*, RegardingObjectId, Task};
    let mut s = Sheet::default();
    s.add("query: every column", query::<Task>().to_request(BASE));
    s.add(
        "query: a choice, expand each navigation property",
        query::<Task>()
            .select((SUBJECT, PRIORITYCODE, REGARDINGOBJECTID))
            .filter(STATECODE.eq(task::StateCode::COMPLETED))
            .expand(REGARDINGOBJECTID_ACCOUNT_TASK, |a| {
                a.select(account::columns::NAME)
            })
            .expand(REGARDINGOBJECTID_CONTACT_TASK, |c| {
                c.select(contact::columns::FULLNAME)
            })
            .to_request(BASE),
    );
    let body = Task::create()
        .set(SUBJECT, "Call back")
        .set(REGARDINGOBJECTID, RegardingObjectId::Contact(id(2)));
    s.op("create: a regarding bind", &create(body));
    s.op(
        "update",
        &update(id(3), Task::update().set(PERCENTCOMPLETE, 50)),
    );
    insta::assert_snapshot!(s.0);
}

#[test]
fn sample_bankaccount() {
    use dataverse_fixture_tables::choices::SampleBranch;
    use n::{
        SAMPLE_BANKACCOUNT_ANNOTATIONS, SAMPLE_BANKACCOUNT_CONTACT, SAMPLE_BANKACCOUNT_PARENT,
        SAMPLE_CUSTOMERID_ACCOUNT, SAMPLE_PARENTACCOUNTID,
    };
    use sample_bankaccount::{columns::*, navigation as n, SampleBankaccount};
    let mut s = Sheet::default();
    s.add(
        "query: every column",
        query::<SampleBankaccount>().to_request(BASE),
    );
    s.add(
        "query: multi-select, expand each navigation property",
        query::<SampleBankaccount>()
            .select((SAMPLE_NAME, SAMPLE_BRANCHES, SAMPLE_CUSTOMERID))
            .filter(SAMPLE_BRANCHES.contain_values([SampleBranch::NORTH]))
            .expand(n::SAMPLE_PARENTBANKID, |p| p)
            .expand(SAMPLE_BANKACCOUNT_ANNOTATIONS, |a| a)
            .expand(SAMPLE_BANKACCOUNT_CONTACT, |c| c.select(SAMPLE_NAME))
            .expand(SAMPLE_CUSTOMERID_ACCOUNT, |a| {
                a.select(account::columns::NAME)
            })
            .expand(SAMPLE_BANKACCOUNT_PARENT, |c| c.select(SAMPLE_NAME))
            .expand(SAMPLE_PARENTACCOUNTID, |c| c.select(SAMPLE_NAME))
            .to_request(BASE),
    );
    let body = SampleBankaccount::create()
        .set(SAMPLE_NAME, "Savings")
        .set(SAMPLE_BALANCE, Decimal::new(1000050, 2))
        .set(
            SAMPLE_OPENEDON,
            rt::Date::from_ymd_opt(2024, 2, 29).unwrap_or_default(),
        );
    s.op("create", &create(body));
    s.op(
        "property: set a decimal",
        &set_property(id(1), SAMPLE_INTERESTRATE, Decimal::new(325, 2)),
    );
    insta::assert_snapshot!(s.0);
}
