// `$top` and `Prefer: odata.maxpagesize` exclude each other ("Don't use `$top` with the
// `Prefer: odata.maxpagesize` request header", Microsoft Learn, "Page results using OData"):
// once `top` is set, the query has no `page_size`. (rustc's label "private field, not a method"
// is about `Query`'s private `page_size` field; the note names the bound, `Top: MayPage`.)

use dataverse_fixture_tables::account::Account;
use dataverse_runtime::query::query;

fn main() {
    let _ = query::<Account>().top(3).page_size(100);
}
