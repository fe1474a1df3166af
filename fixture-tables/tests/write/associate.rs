//! Associating and disassociating rows against the requests of "Associate and disassociate
//! table rows using the Web API" (see the parent file's documentation).

use super::*;

/// The account and contact of "Associate and disassociate table rows".
const ACCOUNT: &str = "ce9eaaef-f718-ed11-b83e-00224837179f";
const CONTACT: &str = "cf9eaaef-f718-ed11-b83e-00224837179f";

#[test]
fn single_valued_navigation_properties() {
    // "Associate and disassociate table rows", "Associate with a single-valued navigation
    // property": a `PATCH` binding the lookup (the docs bind `accounts(<id>)`, no `/`).
    let contact_row = format!("contacts({CONTACT})");
    let body = contact::Contact::update().set(
        contact::columns::PARENTCUSTOMERID,
        contact::ParentCustomerId::Account(uuid(ACCOUNT)),
    );
    let r = update(uuid(CONTACT), body)
        .to_request(BASE)
        .expect("builds");
    assert_documented(
        &r,
        "PATCH",
        &contact_row,
        &[("If-Match", "*"), CACHE],
        Some(json!({"parentcustomerid_account@odata.bind": format!("/accounts({ACCOUNT})")})),
    );
    // "Disassociate with a single-valued navigation property": the documented bodies name
    // one navigation property, with `@odata.bind` (`unbind`) or without (`raw`, the second
    // form the page shows).
    let body = contact::Contact::update().unbind(contact::navigation::PARENTCUSTOMERID_ACCOUNT);
    let r = update(uuid(CONTACT), body).to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "PATCH",
        &contact_row,
        &[("If-Match", "*"), CACHE],
        Some(json!({"parentcustomerid_account@odata.bind": null})),
    );
    for property in [
        "parentcustomerid_account@odata.bind",
        "parentcustomerid_account",
    ] {
        let body = contact::Contact::update().raw(property, &Value::Null);
        let r = update(uuid(CONTACT), body)
            .to_request(BASE)
            .expect("builds");
        let mut want = serde_json::Map::new();
        want.insert(property.to_string(), Value::Null);
        assert_documented(
            &r,
            "PATCH",
            &contact_row,
            &[("If-Match", "*"), CACHE],
            Some(Value::Object(want)),
        );
    }
    // The typed `Null` clears the lookup through every target's navigation property, whichever
    // target the row points to.
    let body = contact::Contact::update().set(contact::columns::PARENTCUSTOMERID, rt::Null);
    let r = update(uuid(CONTACT), body)
        .to_request(BASE)
        .expect("builds");
    let got: Value = serde_json::from_slice(r.body()).expect("JSON body");
    assert_eq!(
        got,
        json!({
            "parentcustomerid_account@odata.bind": null,
            "parentcustomerid_contact@odata.bind": null
        })
    );
    // "Other methods": `PUT .../$ref` with an absolute `@odata.id`, and `DELETE .../$ref`.
    let r = set_reference(
        uuid(CONTACT),
        contact::navigation::PARENTCUSTOMERID_ACCOUNT,
        uuid(ACCOUNT),
    )
    .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "PUT",
        &format!("{contact_row}/parentcustomerid_account/$ref"),
        &[CACHE],
        Some(json!({"@odata.id": format!("{BASE}accounts({ACCOUNT})")})),
    );
    let r = clear_reference(uuid(CONTACT), contact::navigation::PARENTCUSTOMERID_ACCOUNT)
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "DELETE",
        &format!("{contact_row}/parentcustomerid_account/$ref"),
        &[CACHE],
        None,
    );
}

#[test]
fn collection_valued_navigation_properties() {
    // "Associate and disassociate table rows", "Add a record to a collection" and "Remove a
    // record from a collection" (its first form; the `$ref?$id=<url>` form is not built).
    let account_row = format!("accounts({ACCOUNT})");
    let r = associate(
        uuid(ACCOUNT),
        account::navigation::CONTACT_CUSTOMER_ACCOUNTS,
        uuid(CONTACT),
    )
    .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "POST",
        &format!("{account_row}/contact_customer_accounts/$ref"),
        &[CACHE],
        Some(json!({"@odata.id": format!("{BASE}contacts({CONTACT})")})),
    );
    let r = disassociate(
        uuid(ACCOUNT),
        account::navigation::CONTACT_CUSTOMER_ACCOUNTS,
        uuid(CONTACT),
    )
    .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "DELETE",
        &format!("{account_row}/contact_customer_accounts({CONTACT})/$ref"),
        &[CACHE],
        None,
    );
    // The same on `Account_Tasks`, as the tests before this audit had it.
    let r = associate(id(2), account::navigation::ACCOUNT_TASKS, id(1)).to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "POST",
        "accounts(00000000-0000-0000-0000-000000000002)/Account_Tasks/$ref",
        &[],
        Some(json!({"@odata.id": format!("{BASE}tasks(00000000-0000-0000-0000-000000000001)")})),
    );
}
