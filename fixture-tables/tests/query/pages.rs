//! "Page results" and "Count rows": page size and count, and the next request built from a
//! documented response's `@odata.nextLink`; the query function reference's syntax examples.

use super::*;
use account::{columns::*, Account};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/webapi/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn page_results() {
    use contact::{columns::FULLNAME, Contact};
    let first = query::<Contact>()
        .select(FULLNAME)
        .page_size(2)
        .to_request(BASE)
        .expect("builds");
    assert_documented(
        &first,
        "contacts?$select=fullname",
        Some("odata.maxpagesize=2"),
    );
    // The documented response's next link, requested verbatim with the same preference.
    let link = format!(
        "{BASE}contacts?$select=fullname&$skiptoken=%3Ccookie%20pagenumber=%222%22%20pagingcookie=%22%253ccookie%2520page%253d%25221%2522%253e%253ccontactid%2520last%253d%2522%257bD5026A4D-D01C-ED11-B83E-000D3A572421%257d%2522%2520first%253d%2522%257b49B0BE2E-D01C-ED11-B83E-000D3A572421%257d%2522%2520%252f%253e%253c%252fcookie%253e%22%20istracking=%22False%22%20/%3E"
    );
    let body = format!(
        r#"{{"@odata.context":"{BASE}$metadata#contacts(fullname)","value":[
            {{"@odata.etag":"W/\"72201545\"","fullname":"Yvonne McKay (sample)","contactid":"49b0be2e-d01c-ed11-b83e-000d3a572421"}},
            {{"@odata.etag":"W/\"80648695\"","fullname":"Susanna Stubberod (sample)","contactid":"70bf4d48-34cb-ed11-b596-0022481d68cd"}}],
            "@odata.nextLink":"{link}"}}"#
    );
    let page: Page<Contact> = rt::from_str(&body).expect("reads");
    let second = page
        .next_request(&first)
        .expect("follows")
        .expect("a next page");
    assert_eq!(second.uri().to_string(), link);
    assert_eq!(second.headers()["prefer"], "odata.maxpagesize=2");
    assert_eq!(second.headers(), first.headers());
    let last: Page<Contact> = rt::from_str(r#"{"value":[]}"#).expect("reads");
    assert!(last.next_request(&first).expect("last page").is_none());
    // `$top` without paging.
    let r = query::<Account>()
        .select((NAME, REVENUE))
        .top(3)
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "accounts?$select=name,revenue&$top=3",
        None,
    );
}

#[test]
fn count_rows() {
    let r = query::<Account>()
        .select(ACCOUNTID)
        .count()
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "accounts?$select=accountid&$count=true",
        None,
    );
    let r = query::<Account>()
        .select(NAME)
        .filter(NAME.contains("sample"))
        .count()
        .page_size(3)
        .annotation("Microsoft.Dynamics.CRM.*")
        .to_request(BASE);
    assert_documented(
        &r.expect("builds"),
        "accounts?$select=name&$filter=contains(name,'sample')&$count=true",
        Some(r#"odata.include-annotations="Microsoft.Dynamics.CRM.*", odata.maxpagesize=3"#),
    );
}

#[test]
fn the_fixture_responses_page_on() {
    // `response.query_accounts_page.json` (its SOURCES.md row gives the request).
    let first = query::<Account>()
        .select((NAME, REVENUE))
        .count()
        .page_size(2)
        .annotation("Microsoft.Dynamics.CRM.totalrecordcount")
        .annotation("Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded")
        .to_request(BASE)
        .expect("builds");
    assert_documented(
        &first,
        "accounts?$select=name,revenue&$count=true",
        Some(
            r#"odata.include-annotations="Microsoft.Dynamics.CRM.totalrecordcount,Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded", odata.maxpagesize=2"#,
        ),
    );
    let page: Page<Account> =
        rt::from_str(&fixture("response.query_accounts_page")).expect("reads");
    let next = page
        .next_request(&first)
        .expect("follows")
        .expect("a next page");
    assert_eq!(Some(next.uri().to_string()), page.next_link);
    assert_eq!(next.headers(), first.headers());
    // `response.expand_account_tasks.json`: the expanded collection pages on its own.
    let first = query::<Account>()
        .select((NAME, ACCOUNTID))
        .expand(account::navigation::ACCOUNT_TASKS, |t| {
            use task::columns::*;
            t.select((SUBJECT, SCHEDULEDEND, PRIORITYCODE))
        })
        .page_size(1)
        .to_request(BASE)
        .expect("builds");
    let page: Page<Account> =
        rt::from_str(&fixture("response.expand_account_tasks")).expect("reads");
    let tasks = page.rows[0]
        .expanded(account::navigation::ACCOUNT_TASKS)
        .expect("reads")
        .expect("expanded");
    let rest = tasks
        .next_request(&first)
        .expect("follows")
        .expect("more tasks");
    assert!(
        rest.uri().path().ends_with(")/Account_Tasks"),
        "{}",
        rest.uri()
    );
    assert_eq!(rest.headers()["prefer"], "odata.maxpagesize=1");
}

#[test]
fn query_function_reference_syntax() {
    // Each reference page shows `?$filter=Microsoft.Dynamics.CRM.<F>(PropertyName=@p1,...)` with
    // `&@p1='name'&@p2='value'`: here with the aliases' values written in place.
    use contact::columns::{BIRTHDATE, CREATEDON as CONTACT_CREATEDON, SAMPLE_CHECKIN};
    let day = rt::Date::from_ymd_opt(2023, 7, 12).expect("date");
    let account = id("51de97a6-f82e-1472-376d-11949cb13d52");
    let cases = [
        (filter(CREATEDON.on(day)), "Microsoft.Dynamics.CRM.On(PropertyName='createdon',PropertyValue='2023-07-12')"),
        (filter(BIRTHDATE.on_or_after(day)), "Microsoft.Dynamics.CRM.OnOrAfter(PropertyName='birthdate',PropertyValue='2023-07-12')"),
        (filter(SAMPLE_CHECKIN.on_or_before(day)), "Microsoft.Dynamics.CRM.OnOrBefore(PropertyName='sample_checkin',PropertyValue='2023-07-12')"),
        (filter(CONTACT_CREATEDON.last_x_days(7)), "Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=7)"),
        (filter(MODIFIEDON.next_x_days(3)), "Microsoft.Dynamics.CRM.NextXDays(PropertyName='modifiedon',PropertyValue=3)"),
        (filter(CREATEDON.this_month()), "Microsoft.Dynamics.CRM.ThisMonth(PropertyName='createdon')"),
        (filter(OWNERID.equal_user_id()), "Microsoft.Dynamics.CRM.EqualUserId(PropertyName='ownerid')"),
        (filter(OWNERID.equal_business_id()), "Microsoft.Dynamics.CRM.EqualBusinessId(PropertyName='ownerid')"),
        (filter(ACCOUNTID.under(account)), "Microsoft.Dynamics.CRM.Under(PropertyName='accountid',PropertyValue='51de97a6-f82e-1472-376d-11949cb13d52')"),
        (filter(ACCOUNTID.above(account)), "Microsoft.Dynamics.CRM.Above(PropertyName='accountid',PropertyValue='51de97a6-f82e-1472-376d-11949cb13d52')"),
        (filter(PARENTACCOUNTID.is_in([account])), r#"Microsoft.Dynamics.CRM.In(PropertyName='parentaccountid',PropertyValues=["51de97a6-f82e-1472-376d-11949cb13d52"])"#),
        (filter(INDUSTRYCODE.not_in([account::IndustryCode::ACCOUNTING, account::IndustryCode::LEGAL_SERVICES])), r#"Microsoft.Dynamics.CRM.NotIn(PropertyName='industrycode',PropertyValues=["1","21"])"#),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
    // Filter values of each type, as their literals.
    let at = rt::DateTime::from_naive_utc_and_offset(
        day.and_hms_opt(10, 0, 0).expect("time"),
        rt::chrono::Utc,
    );
    assert_eq!(
        filter(CREATEDON.ge(at)),
        "createdon ge 2023-07-12T10:00:00Z"
    );
    assert_eq!(filter(BIRTHDATE.eq(day)), "birthdate eq 2023-07-12");
    assert_eq!(
        filter(INDUSTRYCODE.eq(account::IndustryCode::TRANSPORTATION)),
        "industrycode eq 30"
    );
    assert_eq!(
        filter(PRIMARYCONTACTID.eq(id("70bf4d48-34cb-ed11-b596-0022481d68cd"))),
        "_primarycontactid_value eq 70bf4d48-34cb-ed11-b596-0022481d68cd"
    );
}
