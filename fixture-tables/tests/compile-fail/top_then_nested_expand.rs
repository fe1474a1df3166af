// `$orderby` and `$top` are "not supported with nested `$expand`" in a collection-valued
// expansion (Microsoft Learn, "Join tables using OData"): a collection expansion that has
// `$top` (state `Limited`) has no `expand`.

use dataverse_fixture_tables::account::{navigation, Account};
use dataverse_fixture_tables::contact;
use dataverse_runtime::query::query;

fn main() {
    let _ = query::<Account>().expand(navigation::CONTACT_CUSTOMER_ACCOUNTS, |c| {
        c.top(2)
            .expand(contact::navigation::PARENTCUSTOMERID_ACCOUNT, |a| a)
    });
}
