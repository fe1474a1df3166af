//! Writes on the generated tables against the requests Microsoft documents (Microsoft Learn,
//! Dataverse Web API: "Create a table row", "Update and delete table rows", "Associate and
//! disassociate table rows", "Use an alternate key to reference a record", "Use Upsert to
//! create or update a record", "Perform conditional operations", "Execute batch operations").
//! Each golden is the documented method, URL, headers and body (bodies compared as JSON
//! values) with the docs' columns and tables adapted to the fixture tables where they are
//! missing (said where they are). Equivalent forms: `Content-Type: application/json` where the
//! docs also write `; charset=utf-8` or `; type=entry`; binds with a leading `/`
//! (`/contacts(<id>)`), which the docs write both with and without.

use dataverse_fixture_tables::account::{self, columns, Account, AccountCategoryCode};
use dataverse_fixture_tables::{contact, task};
use dataverse_runtime::query::{
    associate, clear_reference, create, delete, disassociate, retrieve, set_reference, update,
    upsert, Key, Operation,
};
use dataverse_runtime::{self as rt, Decimal, Uuid};
use serde_json::{json, Value};

#[path = "write/batch.rs"]
mod batch;

/// `[Organization URI]/api/data/v9.2/`.
const BASE: &str = "https://contoso.crm.dynamics.com/api/data/v9.2/";

type Request = rt::http::Request<Vec<u8>>;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// Checks a request against a documented one: the method, the URL (relative to the Web API
/// root, as the docs print it after `[Organization URI]/api/data/v9.2/`), the OData headers,
/// the request's own headers (`(name, value)`, no others) and the body as JSON (or none).
fn assert_documented(
    request: &Request,
    method: &str,
    path: &str,
    own: &[(&str, &str)],
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
    let mut want: Vec<(String, String)> = own
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
        .collect();
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
    // "Basic create": the docs' `creditonhold` and `address1_latitude` are not fixture columns.
    let body = Account::create()
        .set(columns::NAME, "Sample Account")
        .set(
            columns::DESCRIPTION,
            "This is the description of the sample account",
        )
        .set(columns::REVENUE, Decimal::from(5_000_000))
        .set(
            columns::ACCOUNTCATEGORYCODE,
            AccountCategoryCode::PREFERRED_CUSTOMER,
        );
    let r = create(body.clone()).to_request(BASE).expect("builds");
    let want = json!({
        "name": "Sample Account",
        "description": "This is the description of the sample account",
        "revenue": 5000000,
        "accountcategorycode": 1
    });
    assert_documented(&r, "POST", "accounts", &[], Some(want.clone()));
    // "Create with data returned".
    let r = create(body)
        .select((
            columns::NAME,
            columns::DESCRIPTION,
            columns::REVENUE,
            columns::ACCOUNTCATEGORYCODE,
            columns::CREATEDON,
        ))
        .to_request(BASE)
        .expect("builds");
    assert_documented(
        &r,
        "POST",
        "accounts?$select=name,description,revenue,accountcategorycode,createdon",
        &[("Prefer", "return=representation")],
        Some(want),
    );
}

#[test]
fn create_with_binds_and_related_rows() {
    // "Associate table rows on create".
    let body = Account::create()
        .set(columns::NAME, "Sample Account")
        .set(columns::PRIMARYCONTACTID, id(1))
        .bind(account::navigation::ACCOUNT_TASKS, [id(3), id(4)]);
    let r = create(body).to_request(BASE).expect("builds");
    let want = json!({
        "name": "Sample Account",
        "primarycontactid@odata.bind": "/contacts(00000000-0000-0000-0000-000000000001)",
        // The docs bind opportunities through `opportunity_customer_accounts`.
        "Account_Tasks@odata.bind": [
            "/tasks(00000000-0000-0000-0000-000000000003)",
            "/tasks(00000000-0000-0000-0000-000000000004)"
        ]
    });
    assert_documented(&r, "POST", "accounts", &[], Some(want));
    // "Create related table rows in one operation" (deep insert).
    let body = Account::create()
        .set(columns::NAME, "Sample Account")
        .insert_one(
            account::navigation::PRIMARYCONTACTID,
            contact::Contact::create()
                .set(contact::columns::FIRSTNAME, "John")
                .set(contact::columns::LASTNAME, "Smith"),
        )
        .insert_many(
            account::navigation::ACCOUNT_TASKS,
            [task::Task::create()
                .set(task::columns::SUBJECT, "Task associated to the new account")],
        );
    let r = create(body).to_request(BASE).expect("builds");
    let want = json!({
        "name": "Sample Account",
        "primarycontactid": {"firstname": "John", "lastname": "Smith"},
        "Account_Tasks": [{"subject": "Task associated to the new account"}]
    });
    assert_documented(&r, "POST", "accounts", &[], Some(want));
}

#[test]
fn update_and_delete() {
    // "Basic update" (`creditonhold`, `address1_latitude` adapted away).
    let body = Account::update()
        .set(columns::NAME, "Updated Sample Account ")
        .set(
            columns::DESCRIPTION,
            "This is the updated description of the sample account",
        )
        .set(columns::REVENUE, Decimal::new(600_000_000, 2))
        .set(columns::ACCOUNTCATEGORYCODE, AccountCategoryCode::STANDARD);
    let want = json!({
        "name": "Updated Sample Account ",
        "description": "This is the updated description of the sample account",
        "revenue": 6000000.00,
        "accountcategorycode": 2
    });
    let row = "accounts(00000000-0000-0000-0000-000000000001)";
    let r = update(id(1), body.clone())
        .to_request(BASE)
        .expect("builds");
    // `If-Match: *`: an update never creates the row (a bare `PATCH` is an upsert).
    assert_documented(&r, "PATCH", row, &[("If-Match", "*")], Some(want.clone()));
    // "Update with data returned": `If-Match: *` and `Prefer: return=representation`.
    let r = update(id(1), body)
        .update_only()
        .select((
            columns::NAME,
            columns::DESCRIPTION,
            columns::REVENUE,
            columns::ACCOUNTCATEGORYCODE,
        ))
        .to_request(BASE)
        .expect("builds");
    assert_documented(
        &r,
        "PATCH",
        &format!("{row}?$select=name,description,revenue,accountcategorycode"),
        &[("If-Match", "*"), ("Prefer", "return=representation")],
        Some(want),
    );
    // "Basic delete".
    let r = delete::<Account>(id(1)).to_request(BASE).expect("builds");
    assert_documented(&r, "DELETE", row, &[], None);
}

#[test]
fn alternate_keys_and_upsert() {
    // "Use an alternate key": `accounts(accountnumber='ABC123')`; the fixture account has no
    // `accountnumber`, so its key is `name` here.
    let r = retrieve::<Account>(Key::new(columns::NAME, "ABC123"))
        .select(columns::NAME)
        .to_request(BASE)
        .expect("builds");
    assert_documented(&r, "GET", "accounts(name='ABC123')?$select=name", &[], None);
    let key = Key::new(contact::columns::FIRSTNAME, "Joe")
        .and(contact::columns::EMAILADDRESS1, "abc@example.com");
    let r = retrieve::<contact::Contact>(key.clone())
        .to_request(BASE)
        .expect("builds");
    // Every column comes back, `parentcustomerid` (an account or a contact) among them: its
    // table is asked for, so that the record reads it as its target.
    assert_documented(
        &r,
        "GET",
        "contacts(firstname='Joe',emailaddress1='abc@example.com')",
        &[(
            "Prefer",
            r#"odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname""#,
        )],
        None,
    );
    // Upsert by key, and its two guards ("Prevent create in upsert", "Prevent update in
    // upsert").
    let body = contact::Contact::create().set(contact::columns::LASTNAME, "Smith");
    let path = "contacts(firstname='Joe',emailaddress1='abc@example.com')";
    let want = json!({"lastname": "Smith"});
    let r = upsert(key.clone(), body.clone())
        .to_request(BASE)
        .expect("builds");
    assert_documented(&r, "PATCH", path, &[], Some(want.clone()));
    let r = upsert(key.clone(), body.clone())
        .update_only()
        .to_request(BASE)
        .expect("builds");
    assert_documented(&r, "PATCH", path, &[("If-Match", "*")], Some(want.clone()));
    let r = upsert(key, body)
        .create_only()
        .to_request(BASE)
        .expect("builds");
    assert_documented(&r, "PATCH", path, &[("If-None-Match", "*")], Some(want));
    // A quote in a key value is doubled, and what a URL cannot carry is encoded.
    let r = delete::<Account>(Key::new(columns::NAME, "O'Neil & Co")).to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "DELETE",
        "accounts(name='O''Neil%20%26%20Co')",
        &[],
        None,
    );
}

#[test]
fn conditional_operations() {
    let read: Account = rt::from_str(
        r#"{"@odata.etag":"W/\"470867\"","accountid":"00000000-0000-0000-0000-000000000001","name":"Sample Account"}"#,
    )
    .expect("reads");
    // "Conditional retrieval" (`accountnumber`, `creditonhold` adapted away): a 304 answers
    // an unchanged row.
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
        &[("If-None-Match", r#"W/"470867""#)],
        None,
    );
    // "Apply optimistic concurrency": delete and update only the version read.
    let r = delete::<Account>(id(1))
        .if_match(&read.etag)
        .to_request(BASE)
        .expect("builds");
    assert_documented(
        &r,
        "DELETE",
        "accounts(00000000-0000-0000-0000-000000000001)",
        &[("If-Match", r#"W/"470867""#)],
        None,
    );
    let body = Account::update().set(columns::NAME, "Updated Account Name");
    let r = update(id(1), body)
        .if_match(&read.etag)
        .to_request(BASE)
        .expect("builds");
    assert_documented(
        &r,
        "PATCH",
        "accounts(00000000-0000-0000-0000-000000000001)",
        &[("If-Match", r#"W/"470867""#)],
        Some(json!({"name": "Updated Account Name"})),
    );
}

#[test]
fn associate_and_disassociate() {
    // The docs use `opportunity_customer_accounts` and `customerid_account`; the fixture
    // tables have `Account_Tasks` and `primarycontactid`.
    let r = associate(id(2), account::navigation::ACCOUNT_TASKS, id(1)).to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "POST",
        "accounts(00000000-0000-0000-0000-000000000002)/Account_Tasks/$ref",
        &[],
        Some(json!({"@odata.id": format!("{BASE}tasks(00000000-0000-0000-0000-000000000001)")})),
    );
    let r = disassociate(id(2), account::navigation::ACCOUNT_TASKS, id(1)).to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "DELETE",
        "accounts(00000000-0000-0000-0000-000000000002)/Account_Tasks(00000000-0000-0000-0000-000000000001)/$ref",
        &[],
        None,
    );
    let r = set_reference(id(1), account::navigation::PRIMARYCONTACTID, id(2)).to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "PUT",
        "accounts(00000000-0000-0000-0000-000000000001)/primarycontactid/$ref",
        &[],
        Some(json!({"@odata.id": format!("{BASE}contacts(00000000-0000-0000-0000-000000000002)")})),
    );
    let r = clear_reference(id(1), account::navigation::PRIMARYCONTACTID).to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "DELETE",
        "accounts(00000000-0000-0000-0000-000000000001)/primarycontactid/$ref",
        &[],
        None,
    );
}
