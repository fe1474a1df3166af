//! Queries on hand-written tables, as the generated code declares them: how each option
//! renders.

use super::*;
use crate::{access, Column, Decimal, EntityReference, Many, ReadError, Reader, Uuid};
use crate::{Date, DateTime, LocalDateTime, MultiSelect, Writer};

/// A table with a column of every filterable kind.
#[derive(Debug)]
pub(super) struct Row;

/// A related table, for expansions and lambdas.
#[derive(Debug)]
pub(super) struct Item;

macro_rules! table {
    ($ty:ident, $name:literal, $set:literal) => {
        impl Table for $ty {
            const LOGICAL_NAME: &'static str = $name;
            const ENTITY_SET_NAME: &'static str = $set;
            fn read(_: &mut Reader) -> Result<Self, ReadError> {
                Ok($ty)
            }
            fn write<'a>(&'a self, _: &mut Writer<'a>) {}
        }
    };
}
table!(Row, "account", "accounts");
table!(Item, "task", "tasks");

/// A choice type, as `rt::choice_type!` makes them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct Kind(i32);
crate::choice_type!(Kind { ONE = 1 => "One", NINE = 9 => "Nine" });

pub(super) mod row {
    use super::*;
    pub const NAME: Column<Row, String> = Column::new("name");
    pub const CITY: Column<Row, String> = Column::new("address1_city");
    pub const REVENUE: Column<Row, Decimal> = Column::new("revenue");
    pub const EMPLOYEES: Column<Row, i32> = Column::new("numberofemployees");
    pub const RATING: Column<Row, f64> = Column::new("rating");
    pub const ACTIVE: Column<Row, bool> = Column::new("active");
    pub const ID: Column<Row, Uuid, access::Rc> = Column::new("accountid");
    pub const OWNER: Column<Row, EntityReference> =
        Column::lookup("_ownerid_value", "ownerid", &[]);
    pub const KIND: Column<Row, Kind> = Column::new("kind");
    pub const TAGS: Column<Row, MultiSelect<Kind>> = Column::new("sample_tags");
    pub const CREATED: Column<Row, DateTime, access::R> = Column::new("createdon");
    pub const BORN: Column<Row, Date> = Column::new("birthdate");
    pub const CHECKIN: Column<Row, LocalDateTime> = Column::new("sample_checkin");
    pub const TASKS: Many<Row, Item> = Many::new("Account_Tasks", "tasks");
    pub const OTHERS: Many<Row, Row> = Many::new("account_parent_account", "accounts");
    pub const PARENT: One<Row, Row> = One::new("parentaccountid", "accounts");
}

pub(super) mod item {
    use super::*;
    pub const SUBJECT: Column<Item, String> = Column::new("subject");
    pub const STATE: Column<Item, Kind> = Column::new("statecode");
    pub const REGARDING: One<Item, Row> = One::new("regardingobjectid_account_task", "accounts");
    pub const NOTES: Many<Item, Item> = Many::new("Task_Notes", "tasks");
}

use row::*;

pub(super) const BASE: &str = "https://org.crm.dynamics.com/api/data/v9.2/";

fn url<L>(q: &Query<Row, L>) -> String {
    q.path_and_query().expect("renders")
}

pub(super) fn err<L>(q: &Query<Row, L>) -> QueryError {
    q.to_request(BASE).expect_err("refused")
}

fn filter<T>(f: Filter<T>) -> String {
    f.to_odata().expect("renders")
}

#[test]
fn a_query_renders_every_option_in_one_order() {
    let q = query::<Row>()
        .select((NAME, REVENUE))
        .select(OWNER)
        .select(NAME)
        .filter(NAME.starts_with("a"))
        .filter(REVENUE.ge(Decimal::new(100_000, 0)))
        .order_by(REVENUE.desc())
        .order_by(NAME.asc())
        .top(3)
        .count();
    assert_eq!(
        url(&q),
        "accounts?$select=name,revenue,_ownerid_value\
         &$filter=startswith(name,'a')%20and%20revenue%20ge%20100000\
         &$orderby=revenue%20desc,name%20asc&$top=3&$count=true"
    );
    assert_eq!(url(&query::<Row>()), "accounts");
    let paged = query::<Row>().select(NAME).page_size(10);
    assert_eq!(
        format!("{:?}", paged.clone()),
        "Query(accounts?$select=name; Prefer: odata.maxpagesize=10)"
    );
}

#[test]
fn the_request_has_the_odata_headers() {
    let r = query::<Row>()
        .select(NAME)
        .to_request(BASE)
        .expect("builds");
    assert_eq!(r.method(), http::Method::GET);
    assert_eq!(r.uri(), &format!("{BASE}accounts?$select=name")[..]);
    let headers: Vec<(String, String)> = r
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("?").to_string()))
        .collect();
    let want = [
        ("accept", "application/json"),
        ("odata-maxversion", "4.0"),
        ("odata-version", "4.0"),
        ("if-none-match", "null"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(headers, want);
    assert!(r.body().is_empty());
}

#[test]
fn preferences_join_in_one_header() {
    let q = query::<Row>()
        .formatted_values()
        .annotation(crate::record::LOOKUP_LOGICAL_NAME)
        .page_size(50);
    let r = q.to_request(BASE).expect("builds");
    assert_eq!(
        r.headers()["prefer"],
        "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue,\
         Microsoft.Dynamics.CRM.lookuplogicalname\", odata.maxpagesize=50"
    );
    assert_eq!(r.headers()["if-none-match"], "null");
    let all = query::<Row>().formatted_values().all_annotations();
    assert_eq!(
        all.prefer().as_deref(),
        Some("odata.include-annotations=\"*\"")
    );
    assert_eq!(query::<Row>().prefer(), None);
}

#[test]
fn expansions_render_their_options_with_semicolons() {
    let q = query::<Row>()
        .select(NAME)
        .expand(PARENT, |p| p.select((NAME, CITY)))
        .expand(TASKS, |t| {
            t.select(item::SUBJECT)
                .filter(item::SUBJECT.contains("Task"))
                .order_by(item::STATE.asc())
                .top(2)
        })
        .expand(OTHERS, |o| o)
        .expand_ref(PARENT);
    assert_eq!(
        url(&q),
        "accounts?$select=name&$expand=parentaccountid($select=name,address1_city),\
         Account_Tasks($select=subject;$filter=contains(subject,'Task');\
         $orderby=statecode%20asc;$top=2),account_parent_account,parentaccountid/$ref"
    );
}

#[test]
fn nested_expansions_nest() {
    let q = query::<Item>()
        .select(item::SUBJECT)
        .expand(item::REGARDING, |r| {
            r.select(NAME).expand(PARENT, |p| {
                p.select(NAME).expand(TASKS, |t| t.select(item::SUBJECT))
            })
        });
    assert_eq!(
        q.path_and_query().expect("renders"),
        "tasks?$select=subject&$expand=regardingobjectid_account_task($select=name;\
         $expand=parentaccountid($select=name;$expand=Account_Tasks($select=subject)))"
    );
}

#[test]
fn logical_operators_group_by_precedence() {
    let a = || NAME.contains("sample");
    let b = || NAME.contains("test");
    let c = || REVENUE.gt(Decimal::new(5000, 0));
    assert_eq!(
        filter((a() | b()) & c()),
        "(contains(name,'sample') or contains(name,'test')) and revenue gt 5000"
    );
    assert_eq!(
        filter(a() | b() & c()),
        "contains(name,'sample') or contains(name,'test') and revenue gt 5000"
    );
    assert_eq!(filter(!a()), "not contains(name,'sample')");
    assert_eq!(filter(!c()), "not (revenue gt 5000)");
    assert_eq!(
        filter(!(a() & c())),
        "not (contains(name,'sample') and revenue gt 5000)"
    );
    assert_eq!(filter(a().and(b()).or(!c())), filter((a() & b()) | !c()));
    assert_eq!(filter(NAME.eq(CITY)), "name eq address1_city");
    assert_eq!(
        filter(NAME.is_null() | OWNER.not_null()),
        "name eq null or _ownerid_value ne null"
    );
}

#[test]
fn paths_and_lambdas_prefix_their_properties() {
    let by_parent = PARENT.matches(NAME.eq("x") | CITY.eq("y"));
    assert_eq!(
        filter(by_parent.clone() & ACTIVE.eq(true)),
        "(parentaccountid/name eq 'x' or parentaccountid/address1_city eq 'y') and active eq true"
    );
    assert_eq!(
        filter(PARENT.matches(PARENT.matches(NAME.starts_with("C")))),
        "startswith(parentaccountid/parentaccountid/name,'C')"
    );
    assert_eq!(
        filter(TASKS.all(item::STATE.eq(Kind::ONE))),
        "Account_Tasks/all(t:t/statecode eq 1)"
    );
    assert_eq!(filter(TASKS.not_empty()), "Account_Tasks/any()");
    // Nested lambdas over the same table get distinct variables.
    let nested = TASKS.any(item::SUBJECT.eq("a") & item::NOTES.any(item::SUBJECT.ne("N/A")));
    assert_eq!(
        filter(nested),
        "Account_Tasks/any(t:t/subject eq 'a' and t/Task_Notes/any(t1:t1/subject ne 'N/A'))"
    );
    // Query functions under a path or a lambda are prefixed as a whole.
    assert_eq!(
        filter(OTHERS.any(OWNER.equal_user_id())),
        "account_parent_account/any(a:a/Microsoft.Dynamics.CRM.EqualUserId(PropertyName='ownerid'))"
    );
}

#[test]
fn query_functions_name_the_column_by_logical_name() {
    let day = Date::from_ymd_opt(2024, 1, 31).expect("date");
    let id = Uuid::from_u128(0x51de97a6_f82e_1472_376d_11949cb13d52);
    let cases = [
        (EMPLOYEES.between(5, 2000), r#"Microsoft.Dynamics.CRM.Between(PropertyName='numberofemployees',PropertyValues=["5","2000"])"#),
        (NAME.is_in(["O'Brian", "a\"b"]), r#"Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=["O'Brian","a\"b"])"#),
        (KIND.not_in([Kind::ONE, Kind::NINE]), r#"Microsoft.Dynamics.CRM.NotIn(PropertyName='kind',PropertyValues=["1","9"])"#),
        (OWNER.is_in([id]), r#"Microsoft.Dynamics.CRM.In(PropertyName='ownerid',PropertyValues=["51de97a6-f82e-1472-376d-11949cb13d52"])"#),
        (CREATED.on(day), "Microsoft.Dynamics.CRM.On(PropertyName='createdon',PropertyValue='2024-01-31')"),
        (BORN.on_or_after(day), "Microsoft.Dynamics.CRM.OnOrAfter(PropertyName='birthdate',PropertyValue='2024-01-31')"),
        (CHECKIN.on_or_before(day), "Microsoft.Dynamics.CRM.OnOrBefore(PropertyName='sample_checkin',PropertyValue='2024-01-31')"),
        (CREATED.last_x_days(7), "Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=7)"),
        (CREATED.next_x_days(30), "Microsoft.Dynamics.CRM.NextXDays(PropertyName='createdon',PropertyValue=30)"),
        (CREATED.this_month(), "Microsoft.Dynamics.CRM.ThisMonth(PropertyName='createdon')"),
        (OWNER.equal_user_id(), "Microsoft.Dynamics.CRM.EqualUserId(PropertyName='ownerid')"),
        (OWNER.equal_business_id(), "Microsoft.Dynamics.CRM.EqualBusinessId(PropertyName='ownerid')"),
        (ID.under(id), "Microsoft.Dynamics.CRM.Under(PropertyName='accountid',PropertyValue='51de97a6-f82e-1472-376d-11949cb13d52')"),
        (ID.above(id), "Microsoft.Dynamics.CRM.Above(PropertyName='accountid',PropertyValue='51de97a6-f82e-1472-376d-11949cb13d52')"),
        (TAGS.contain_values([Kind::from_value(2)]), r#"Microsoft.Dynamics.CRM.ContainValues(PropertyName='sample_tags',PropertyValues=["2"])"#),
        (TAGS.does_not_contain_values([Kind::ONE, Kind::NINE]), r#"Microsoft.Dynamics.CRM.DoesNotContainValues(PropertyName='sample_tags',PropertyValues=["1","9"])"#),
    ];
    for (f, want) in cases {
        assert_eq!(filter(f), want);
    }
    assert_eq!(
        filter(!NAME.is_in(["a"])),
        r#"not Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=["a"])"#
    );
}
