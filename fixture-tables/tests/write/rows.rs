//! Requests under one row (a property, a navigation property's row, references, counts), a
//! row made from another (`InitializeFrom`), a reference expanded, and the optional headers
//! of writes, against the requests Microsoft documents (see the parent file's documentation).

use super::*;

#[test]
fn optional_headers() {
    use dataverse_runtime::query::{CustomLogic, WriteHeaders};
    // "Detect duplicate data using the Web API": `POST leads` and `PATCH leads(<id>)` with
    // `MSCRM.SuppressDuplicateDetection: false` (the fixtures have no lead: a contact here).
    let body = contact::Contact::create()
        .set(contact::columns::FIRSTNAME, "Monte")
        .set(contact::columns::LASTNAME, "Orton")
        .set(contact::columns::EMAILADDRESS1, "monteorton@example.com");
    let want = json!({
        "firstname": "Monte",
        "lastname": "Orton",
        "emailaddress1": "monteorton@example.com"
    });
    let r = create(body).detect_duplicates().to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "POST",
        "contacts",
        &[CACHE, ("MSCRM.SuppressDuplicateDetection", "false")],
        Some(want.clone()),
    );
    let lead = uuid("c4567bb6-47a3-e711-811b-e0071b6ac1b1");
    let body = contact::Contact::update()
        .set(contact::columns::FIRSTNAME, "Monte")
        .set(contact::columns::LASTNAME, "Orton")
        .set(contact::columns::EMAILADDRESS1, "monteorton@example.com");
    let r = update(lead, body).detect_duplicates().to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "PATCH",
        "contacts(c4567bb6-47a3-e711-811b-e0071b6ac1b1)",
        &[
            CACHE,
            ("MSCRM.SuppressDuplicateDetection", "false"),
            ("If-Match", "*"),
        ],
        Some(want),
    );
    // "Bypass custom business logic": the three documented headers on `POST accounts`.
    let body = || Account::create().set(columns::NAME, "Sample Account");
    let want = json!({"name": "Sample Account"});
    let cases = [
        (
            create(body()).bypass_custom_plugins(),
            ("MSCRM.BypassCustomPluginExecution", "true"),
        ),
        (
            create(body()).suppress_flows(),
            ("MSCRM.SuppressCallbackRegistrationExpanderJob", "true"),
        ),
        (
            create(body()).bypass_business_logic(CustomLogic::All),
            (
                "MSCRM.BypassBusinessLogicExecution",
                "CustomSync,CustomAsync",
            ),
        ),
    ];
    for (write, header) in cases {
        let r = write.to_request(BASE).expect("builds");
        assert_documented(&r, "POST", "accounts", &[CACHE, header], Some(want.clone()));
    }
    // "Compose HTTP requests and handle errors", "Include more details with errors": every
    // annotation asked for on a create that returns nothing.
    let r = create(Account::create().set(columns::NAME, "Example Account"))
        .all_annotations()
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "POST",
        "accounts",
        &[("Prefer", r#"odata.include-annotations="*""#)],
        Some(json!({"name": "Example Account"})),
    );
}

#[test]
fn under_one_row() {
    use dataverse_runtime::query::{
        count_related, count_rows, delete_property, query_related, related_references,
        retrieve_property, retrieve_related, set_property,
    };
    let row = "accounts(00000000-0000-0000-0000-000000000001)";
    // "Retrieve a table row": "Retrieve a single property value", "Retrieve the raw value of
    // a property", "Retrieve navigation property values" (the docs' `AccountTasks/$ref` is the
    // navigation property `Account_Tasks`).
    let r = retrieve_property(id(1), columns::NAME).to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "GET",
        &format!("{row}/name"),
        &[],
        None,
    );
    let r = retrieve_property(id(1), columns::NAME).raw_value();
    let r = r.to_request(BASE).expect("builds");
    assert_documented(&r, "GET", &format!("{row}/name/$value"), &[], None);
    let r = retrieve_related(id(1), account::navigation::PRIMARYCONTACTID)
        .select(contact::columns::FULLNAME)
        .to_request(BASE);
    let path = format!("{row}/primarycontactid?$select=fullname");
    assert_documented(&r.expect("builds"), "GET", &path, &[], None);
    let r = related_references(id(1), account::navigation::ACCOUNT_TASKS).to_request(BASE);
    let path = format!("{row}/Account_Tasks/$ref");
    assert_documented(&r.expect("builds"), "GET", &path, &[], None);
    let r = count_related(id(1), account::navigation::ACCOUNT_TASKS).to_request(BASE);
    let path = format!("{row}/Account_Tasks/$count");
    assert_documented(&r.expect("builds"), "GET", &path, &[], None);
    // "Count rows using OData": `GET accounts/$count`.
    let r = count_rows::<Account>().to_request(BASE).expect("builds");
    assert_documented(&r, "GET", "accounts/$count", &[], None);
    // "Update and delete table rows": "Update a single property value", "Delete a single
    // property value".
    let r = set_property(id(1), columns::NAME, "Updated Sample Account Name").to_request(BASE);
    let want = json!({"value": "Updated Sample Account Name"});
    assert_documented(
        &r.expect("builds"),
        "PUT",
        &format!("{row}/name"),
        &[],
        Some(want),
    );
    let r = delete_property(id(1), columns::DESCRIPTION).to_request(BASE);
    let path = format!("{row}/description");
    assert_documented(&r.expect("builds"), "DELETE", &path, &[], None);
    // "Web API basic operations sample": a contact's `telephone1` set and read (the fixture
    // contact has no `telephone1`: `emailaddress1` here), and an account's contacts
    // (`$select=fullname,jobtitle`: no `jobtitle` in the fixtures).
    let contact = uuid("0928bcb4-bb27-ed11-9db1-002248274ada");
    let phone = contact::columns::EMAILADDRESS1;
    let path = "contacts(0928bcb4-bb27-ed11-9db1-002248274ada)/emailaddress1";
    let r = set_property(contact, phone, "555-0105").to_request(BASE);
    let want = json!({"value": "555-0105"});
    assert_documented(&r.expect("builds"), "PUT", path, &[CACHE], Some(want));
    let r = retrieve_property(contact, phone).to_request(BASE);
    assert_documented(&r.expect("builds"), "GET", path, &[CACHE], None);
    let account = uuid("2e28bcb4-bb27-ed11-9db1-002248274ada");
    let r = query_related(account, account::navigation::CONTACT_CUSTOMER_ACCOUNTS)
        .select(contact::columns::FULLNAME)
        .to_request(BASE);
    let path =
        "accounts(2e28bcb4-bb27-ed11-9db1-002248274ada)/contact_customer_accounts?$select=fullname";
    assert_documented(&r.expect("builds"), "GET", path, &[CACHE], None);
}

#[test]
fn create_from_another_row() {
    use dataverse_runtime::query::{initialize_from, TargetFields};
    // "Create a table row", "Create a record from another record": `InitializeFrom` (its
    // `{`, `}` percent-encoded: a URI cannot carry them raw), then a `POST` of the answer with
    // more columns set.
    let r =
        initialize_from::<Account, Account>(id(1), TargetFields::ValidForCreate).to_request(BASE);
    let path = "InitializeFrom(EntityMoniker=@p1,TargetEntityName=@p2,TargetFieldType=@p3)?@p1={'@odata.id':'accounts(00000000-0000-0000-0000-000000000001)'}&@p2='account'&@p3=Microsoft.Dynamics.CRM.TargetFieldType'ValidForCreate'";
    let path = path.replace('{', "%7B").replace('}', "%7D");
    assert_documented(&r.expect("builds"), "GET", &path, &[CACHE], None);
    // The answer (the docs show what is posted: its binds and `@odata.type`; the context and
    // a formatted value are left out of the body).
    let answer: rt::Json = rt::from_str(
        r##"{
            "@odata.context": "https://contoso.crm.dynamics.com/api/data/v9.0/$metadata#accounts/$entity",
            "@odata.type": "#Microsoft.Dynamics.CRM.account",
            "parentaccountid@odata.bind": "accounts(00000000-0000-0000-0000-000000000001)",
            "transactioncurrencyid@odata.bind": "transactioncurrencies(732e87e1-1d96-e711-80e4-00155db75426)",
            "address1_city": "Seattle",
            "address1_city@OData.Community.Display.V1.FormattedValue": "Seattle"
        }"##,
    )
    .expect("JSON");
    let body = rt::Body::<Account>::initialized(&answer)
        .set(columns::NAME, "Contoso Ltd")
        .set(columns::NUMBEROFEMPLOYEES, 200);
    let r = create(body).to_request(BASE).expect("builds");
    let want = json!({
        "@odata.type": "#Microsoft.Dynamics.CRM.account",
        "parentaccountid@odata.bind": "accounts(00000000-0000-0000-0000-000000000001)",
        "transactioncurrencyid@odata.bind": "transactioncurrencies(732e87e1-1d96-e711-80e4-00155db75426)",
        "name": "Contoso Ltd",
        "numberofemployees": 200,
        "address1_city": "Seattle"
    });
    assert_documented(&r, "POST", "accounts", &[], Some(want));
    // An answer that is not a row fails to render.
    let e = create(rt::Body::<Account>::initialized(&rt::Json::null())).to_request(BASE);
    assert!(e
        .expect_err("refused")
        .to_string()
        .contains("InitializeFrom"));
}

#[test]
fn retrieve_a_reference_to_a_related_row() {
    // "Retrieve a table row" (its 2021 version), "Retrieve related table records by expanding
    // navigation properties": `$expand=primarycontactid/$ref`.
    let r = retrieve::<Account>(id(1))
        .select(columns::NAME)
        .expand_ref(account::navigation::PRIMARYCONTACTID)
        .to_request(BASE);
    let path =
        "accounts(00000000-0000-0000-0000-000000000001)?$select=name&$expand=primarycontactid/$ref";
    assert_documented(&r.expect("builds"), "GET", path, &[], None);
}
