// `$top` and `Prefer: odata.maxpagesize` exclude each other (Microsoft Learn, "Page results
// using OData"): once `page_size` is set, the query has no `top`.

use dataverse_fixture_tables::account::Account;
use dataverse_runtime::query::query;

fn main() {
    let _ = query::<Account>().page_size(100).top(3);
}
