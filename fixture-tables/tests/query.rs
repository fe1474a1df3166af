//! Typed queries on the generated tables, against the requests Microsoft documents
//! (Microsoft Learn, Dataverse Web API: "Select columns", "Filter rows", "Join tables", "Order
//! rows", "Page results", "Count rows", "Choices columns", the query function reference). Each
//! golden is the documented request with the documentation's `account`/`contact` examples
//! adapted to the fixture tables where a column or navigation property is missing (said where
//! it is). Equivalent forms: query options in any order (OData does not order them); spaces
//! and `"` percent-encoded (the docs print them raw, a URI cannot carry them); one `Prefer`
//! header with comma-separated preferences where the docs send two (RFC 7240); parameter
//! aliases (`PropertyName=@p1&@p1='x'`) written inline; `Microsoft.Dynamics.CRM.lookuplogicalname`
//! added to `Prefer: odata.include-annotations` when the rows returned hold a lookup with
//! several targets (`ownerid`, `parentcustomerid`): the server then also sends each value's
//! table, and the record reads the value as its target instead of `Unknown`.

use dataverse_fixture_tables::choices::SampleBranch;
use dataverse_fixture_tables::{account, contact, email, sample_bankaccount, task};
use dataverse_runtime::{self as rt, query, Decimal, Page, QueryError, Uuid};
use std::collections::BTreeSet;

#[path = "query/expand.rs"]
mod expand;
#[path = "query/pages.rs"]
mod pages;

/// `[Organization URI]/api/data/v9.2/`.
const BASE: &str = "https://contoso.crm.dynamics.com/api/data/v9.2/";

type Request = rt::http::Request<Vec<u8>>;

/// A request path as the docs print it, with what a URI cannot carry raw encoded.
fn documented(path: &str) -> String {
    path.replace(' ', "%20").replace('"', "%22")
}

/// The entity set and the set of query options of a URL.
fn parts(url: &str) -> (String, BTreeSet<String>) {
    let url = url.strip_prefix(BASE).unwrap_or(url);
    match url.split_once('?') {
        Some((path, query)) => (
            path.to_string(),
            query.split('&').map(str::to_string).collect(),
        ),
        None => (url.to_string(), BTreeSet::new()),
    }
}

/// Checks a request against a documented one: `GET`, the path, the options, the OData
/// headers and the `Prefer` header (or none).
fn assert_documented(request: &Request, path: &str, prefer: Option<&str>) {
    assert_eq!(request.method(), "GET");
    let got = request.uri().to_string();
    assert_eq!(parts(&got), parts(&documented(path)), "{got}");
    let headers = request.headers();
    assert_eq!(headers["accept"], "application/json");
    assert_eq!(headers["odata-maxversion"], "4.0");
    assert_eq!(headers["odata-version"], "4.0");
    assert_eq!(
        headers.get("prefer").map(|v| v.to_str().expect("ASCII")),
        prefer,
        "{got}"
    );
}

fn id(hex: &str) -> Uuid {
    Uuid::parse_str(hex).expect("uuid")
}

const FORMATTED: &str = r#"odata.include-annotations="OData.Community.Display.V1.FormattedValue""#;

const LOOKUP_TABLES: &str =
    r#"odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname""#;

#[test]
fn select_columns() {
    use account::{columns::*, Account};
    let r = query::<Account>()
        .select((NAME, REVENUE))
        .top(1)
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "accounts?$select=name,revenue&$top=1",
        None,
    );
    let r = query::<Account>().select(NAME).top(3).to_request(BASE);
    assert_documented(&r.expect("builds"), "accounts?$select=name&$top=3", None);
    // Formatted values (the docs' `customertypecode` is `industrycode` here).
    let r = query::<Account>()
        .select((NAME, REVENUE, PRIMARYCONTACTID, INDUSTRYCODE, MODIFIEDON))
        .top(1)
        .formatted_values()
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "accounts?$select=name,revenue,_primarycontactid_value,industrycode,modifiedon&$top=1",
        Some(FORMATTED),
    );
    // Lookup property data.
    let r = query::<Account>()
        .select((NAME, OWNERID))
        .top(2)
        .annotation("Microsoft.Dynamics.CRM.associatednavigationproperty")
        .annotation("Microsoft.Dynamics.CRM.lookuplogicalname")
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "accounts?$select=name,_ownerid_value&$top=2",
        Some(
            r#"odata.include-annotations="Microsoft.Dynamics.CRM.associatednavigationproperty,Microsoft.Dynamics.CRM.lookuplogicalname""#,
        ),
    );
}

fn filter<T>(f: rt::Filter<T>) -> String {
    f.to_odata().expect("renders")
}

#[test]
fn filter_operators() {
    use account::columns::*;
    let revenue = |n: i64| Decimal::from(n);
    assert_eq!(filter(REVENUE.eq(revenue(100_000))), "revenue eq 100000");
    assert_eq!(filter(REVENUE.ne(revenue(100_000))), "revenue ne 100000");
    assert_eq!(filter(REVENUE.gt(revenue(100_000))), "revenue gt 100000");
    assert_eq!(filter(REVENUE.ge(revenue(100_000))), "revenue ge 100000");
    assert_eq!(filter(REVENUE.lt(revenue(100_000))), "revenue lt 100000");
    assert_eq!(filter(REVENUE.le(revenue(100_000))), "revenue le 100000");
    assert_eq!(
        filter(REVENUE.lt(revenue(100_000)) & REVENUE.gt(revenue(2000))),
        "revenue lt 100000 and revenue gt 2000"
    );
    assert_eq!(
        filter(NAME.contains("(sample)") | NAME.contains("test")),
        "contains(name,'(sample)') or contains(name,'test')"
    );
    assert_eq!(
        filter(!NAME.contains("sample")),
        "not contains(name,'sample')"
    );
    assert_eq!(
        filter((NAME.contains("sample") | NAME.contains("test")) & REVENUE.gt(revenue(5000))),
        "(contains(name,'sample') or contains(name,'test')) and revenue gt 5000"
    );
    assert_eq!(filter(NAME.ends_with("Inc.")), "endswith(name,'Inc.')");
    assert_eq!(filter(NAME.starts_with("a")), "startswith(name,'a')");
}

#[test]
fn filter_rows() {
    use contact::{columns::*, Contact};
    let r = query::<Contact>()
        .select(FULLNAME)
        .filter(FIRSTNAME.eq(LASTNAME))
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "contacts?$select=fullname&$filter=firstname eq lastname",
        None,
    );
    let r = query::<Contact>()
        .select(FULLNAME)
        .filter(LASTNAME.eq("O'Bryan"))
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "contacts?$select=fullname&$filter=lastname eq 'O''Bryan'",
        None,
    );
    // Values with an apostrophe in a list: double quotes (the docs pass the list as `@p2`).
    let r = query::<Contact>()
        .select(FULLNAME)
        .filter(LASTNAME.is_in(["OBrian", "OBryan", "O'Brian", "O'Bryan"]))
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        r#"contacts?$select=fullname&$filter=Microsoft.Dynamics.CRM.In(PropertyName='lastname',PropertyValues=["OBrian","OBryan","O'Brian","O'Bryan"])"#,
        None,
    );
    use account::columns::{NAME, NUMBEROFEMPLOYEES, OWNERID};
    use account::Account;
    let r = query::<Account>()
        .select((NAME, NUMBEROFEMPLOYEES))
        .filter(NUMBEROFEMPLOYEES.between(5, 2000))
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        r#"accounts?$select=name,numberofemployees&$filter=Microsoft.Dynamics.CRM.Between(PropertyName='numberofemployees',PropertyValues=["5","2000"])"#,
        None,
    );
    // "URL encode special characters": `contains(name,'+123')` is sent as `'%2B123'`. Every
    // column comes back, `ownerid` among them: its table is asked for.
    let r = query::<Account>()
        .filter(NAME.contains("+123"))
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "accounts?$filter=contains(name,'%2B123')",
        Some(LOOKUP_TABLES),
    );
    // A lookup by id (the docs' `_owninguser_value`; the id bare, an OData GUID literal).
    let owner = id("4026be43-6b69-e111-8f65-78e7d1620f5e");
    let r = query::<Account>()
        .filter(OWNERID.eq(owner))
        .select(NAME)
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "accounts?$filter=_ownerid_value eq 4026be43-6b69-e111-8f65-78e7d1620f5e&$select=name",
        None,
    );
}

#[test]
fn filter_on_related_rows() {
    use account::{columns::NAME, navigation::*, Account};
    let r = query::<Account>()
        .filter(
            PRIMARYCONTACTID.matches(contact::columns::FULLNAME.eq("Susanna Stubberod (sample)")),
        )
        .select((NAME, account::columns::PRIMARYCONTACTID))
        .formatted_values()
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "accounts?$filter=primarycontactid/fullname eq 'Susanna Stubberod (sample)'&$select=name,_primarycontactid_value",
        Some(FORMATTED),
    );
    // Two levels up (the docs' `createdby` is `parentcustomerid_account` here: no contact page
    // lists createdby's relationship).
    let parent = contact::navigation::PARENTCUSTOMERID_ACCOUNT;
    let r = query::<Account>()
        .filter(PRIMARYCONTACTID.matches(parent.matches(NAME.eq("System Administrator"))))
        .select((NAME, account::columns::PRIMARYCONTACTID))
        .expand(PRIMARYCONTACTID, |c| {
            c.select((
                contact::columns::FULLNAME,
                contact::columns::PARENTCUSTOMERID,
            ))
            .expand(parent, |a| a.select(NAME))
        })
        .top(1)
        .formatted_values()
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "accounts?$filter=primarycontactid/parentcustomerid_account/name eq 'System Administrator'&$select=name,_primarycontactid_value&$expand=primarycontactid($select=fullname,_parentcustomerid_value;$expand=parentcustomerid_account($select=name))&$top=1",
        // `parentcustomerid` (an account or a contact) is selected in the expansion.
        Some(r#"odata.include-annotations="OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.lookuplogicalname""#),
    );
    // Lambda operators.
    let subject = email::columns::SUBJECT;
    let cases = [
        (ACCOUNT_EMAILS.any(subject.contains("sometext")), "Account_Emails/any(e:contains(e/subject,'sometext'))"),
        (ACCOUNT_TASKS.all(task::columns::STATECODE.eq(task::StateCode::COMPLETED)), "Account_Tasks/all(t:t/statecode eq 1)"),
        (
            ACCOUNT_EMAILS.any(subject.contains("sometext") & email::columns::STATECODE.eq(email::StateCode::OPEN)),
            "Account_Emails/any(e:contains(e/subject,'sometext') and e/statecode eq 0)",
        ),
        // The docs' `jobtitle` and `opportunity_customer_contacts` are `lastname` and
        // `Contact_Tasks` here; they also wrap the lambda in parentheses it does not need.
        (
            CONTACT_CUSTOMER_ACCOUNTS.any(
                contact::columns::LASTNAME.eq("jobtitle")
                    & contact::navigation::CONTACT_TASKS.any(task::columns::DESCRIPTION.ne("N/A")),
            ) & NAME.ends_with("Inc."),
            "contact_customer_accounts/any(c:c/lastname eq 'jobtitle' and c/Contact_Tasks/any(t:t/description ne 'N/A')) and endswith(name,'Inc.')",
        ),
    ];
    for (f, documented) in cases {
        let r = query::<Account>().select(NAME).filter(f).to_request(BASE);
        assert_documented(
            &r.expect("builds"),
            &format!("accounts?$select=name&$filter={documented}"),
            None,
        );
    }
    // "You can't include conditions on collection-valued navigation properties that are
    // nested in a lookup navigation property."
    let nested = PRIMARYCONTACTID
        .matches(contact::navigation::CONTACT_TASKS.any(task::columns::SUBJECT.eq("x")));
    let e = query::<Account>()
        .filter(nested)
        .to_request(BASE)
        .expect_err("refused");
    assert_eq!(
        e,
        QueryError::LambdaUnderLookup {
            navigation: "primarycontactid".into()
        }
    );
}

#[test]
fn order_rows() {
    use account::{columns::*, Account};
    let r = query::<Account>()
        .select((NAME, REVENUE))
        .order_by(REVENUE.asc())
        .order_by(NAME.desc())
        .filter(REVENUE.not_null())
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "accounts?$select=name,revenue&$orderby=revenue asc,name desc&$filter=revenue ne null",
        None,
    );
}

#[test]
fn multi_select_choices() {
    // The docs' `contacts` and `sample_outdooractivities` (value 2, Hiking) are the fixture's
    // `sample_bankaccounts` and `sample_branches`; `%5B'2'%5D` is `["2"]` (the list form the
    // filter page documents).
    use sample_bankaccount::{columns::*, SampleBankaccount};
    let r = query::<SampleBankaccount>()
        .select((SAMPLE_NAME, SAMPLE_BRANCHES))
        .filter(SAMPLE_BRANCHES.contain_values([SampleBranch::SOUTH]))
        .formatted_values()
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        r#"sample_bankaccounts?$select=sample_name,sample_branches&$filter=Microsoft.Dynamics.CRM.ContainValues(PropertyName='sample_branches',PropertyValues=["100000002"])"#,
        Some(FORMATTED),
    );
    assert_eq!(
        filter(SAMPLE_BRANCHES.does_not_contain_values([SampleBranch::NORTH, SampleBranch::SOUTH])),
        r#"Microsoft.Dynamics.CRM.DoesNotContainValues(PropertyName='sample_branches',PropertyValues=["100000001","100000002"])"#
    );
}
