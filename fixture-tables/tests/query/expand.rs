//! "Join tables using OData": `$expand` of single- and collection-valued navigation properties,
//! nested, with `/$ref`, and the limits the page documents.

use super::*;
use account::columns::{ACCOUNTID, NAME};
use account::{navigation::*, Account};

#[test]
fn expand_with_nested_options() {
    // The docs order the tasks by `createdon`, which the fixture task has not: `scheduledend`.
    let r = query::<Account>()
        .select(NAME)
        .expand(ACCOUNT_TASKS, |t| {
            t.select(task::columns::SUBJECT)
                .filter(task::columns::SUBJECT.contains("Task"))
                .order_by(task::columns::SCHEDULEDEND.desc())
        })
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "accounts?$select=name&$expand=Account_Tasks($select=subject;$filter=contains(subject,'Task');$orderby=scheduledend desc)",
        None,
    );
}

#[test]
fn limit_columns_with_select() {
    let r = query::<Account>()
        .select(NAME)
        .expand(PRIMARYCONTACTID, |c| c.select(contact::columns::FULLNAME))
        .expand(ACCOUNT_TASKS, |t| t.select(task::columns::SUBJECT))
        .page_size(1)
        .to_request(BASE)
        .expect("builds");
    assert_documented(
        &r,
        "accounts?$select=name&$expand=primarycontactid($select=fullname),Account_Tasks($select=subject)",
        Some("odata.maxpagesize=1"),
    );
    assert_eq!(r.headers()["if-none-match"], "null");
}

#[test]
fn expand_single_valued_navigation_properties() {
    // The docs' `createdby` is `parentaccountid` here (the fixture account has no createdby
    // relationship).
    let r = query::<Account>()
        .select(NAME)
        .expand(PRIMARYCONTACTID, |c| {
            c.select((contact::columns::CONTACTID, contact::columns::FULLNAME))
        })
        .expand(PARENTACCOUNTID, |p| p.select(NAME))
        .page_size(2)
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "accounts?$select=name&$expand=primarycontactid($select=contactid,fullname),parentaccountid($select=name)",
        Some("odata.maxpagesize=2"),
    );
    let r = query::<Account>()
        .select(NAME)
        .expand_ref(PRIMARYCONTACTID)
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "accounts?$select=name&$expand=primarycontactid/$ref",
        None,
    );
}

#[test]
fn nested_expand_of_single_valued_navigation_properties() {
    // The docs' last level, `createdby`, is `parentaccountid` here.
    let r = query::<task::Task>()
        .select(task::columns::SUBJECT)
        .expand(task::navigation::REGARDINGOBJECTID_CONTACT_TASK, |c| {
            c.select(contact::columns::FULLNAME)
                .expand(contact::navigation::PARENTCUSTOMERID_ACCOUNT, |a| {
                    a.select(NAME).expand(PARENTACCOUNTID, |p| p.select(NAME))
                })
        })
        .page_size(2)
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "tasks?$select=subject&$expand=regardingobjectid_contact_task($select=fullname;$expand=parentcustomerid_account($select=name;$expand=parentaccountid($select=name)))",
        Some("odata.maxpagesize=2"),
    );
}

#[test]
fn expand_collection_valued_navigation_properties() {
    let single = query::<Account>()
        .select((NAME, ACCOUNTID))
        .expand(ACCOUNT_TASKS, |t| t.select(task::columns::SUBJECT))
        .expand(CONTACT_CUSTOMER_ACCOUNTS, |c| {
            c.select(contact::columns::FULLNAME)
        })
        .page_size(1);
    assert_documented(
        &single.to_request(BASE).expect("builds"),
        "accounts?$select=name,accountid&$expand=Account_Tasks($select=subject),contact_customer_accounts($select=fullname)",
        Some("odata.maxpagesize=1"),
    );
    // The docs' nested `owninguser` is `parentcustomerid_account` here.
    let nested = query::<Account>()
        .select((NAME, ACCOUNTID))
        .expand(ACCOUNT_TASKS, |t| t.select(task::columns::SUBJECT))
        .expand(CONTACT_CUSTOMER_ACCOUNTS, |c| {
            c.select(contact::columns::FULLNAME)
                .expand(contact::navigation::PARENTCUSTOMERID_ACCOUNT, |a| {
                    a.select(NAME)
                })
        })
        .page_size(1);
    assert_documented(
        &nested.to_request(BASE).expect("builds"),
        "accounts?$select=name,accountid&$expand=Account_Tasks($select=subject),contact_customer_accounts($select=fullname;$expand=parentcustomerid_account($select=name))",
        Some("odata.maxpagesize=1"),
    );
}

#[test]
fn top_and_orderby_are_refused_with_a_nested_expand() {
    // "You can't use `$top` or `$orderby` options ... with a nested `$expand`."
    let q = query::<Account>()
        .expand(ACCOUNT_TASKS, |t| t.select(task::columns::SUBJECT).top(2))
        .expand(CONTACT_CUSTOMER_ACCOUNTS, |c| {
            c.expand(contact::navigation::PARENTCUSTOMERID_ACCOUNT, |a| {
                a.select(NAME)
            })
        });
    let e = q.to_request(BASE).expect_err("refused");
    assert_eq!(
        e,
        QueryError::OrderOrTopWithNestedExpand {
            navigation: "Account_Tasks".into()
        }
    );
    // "You can include up to 15 `$expand` options in a query."
    let q = (0..16).fold(query::<Account>(), |q, _| q.expand(PRIMARYCONTACTID, |c| c));
    let e = q.to_request(BASE).expect_err("refused");
    assert_eq!(e, QueryError::TooManyExpansions { count: 16 });
}
