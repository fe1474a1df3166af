// A single-valued expansion takes `$select` and `$expand` only (Microsoft Learn, "Join tables
// using OData"): `Nested<_, Single>` has no `top` (nor `order_by`).

use dataverse_fixture_tables::account::{navigation, Account};
use dataverse_fixture_tables::contact;
use dataverse_runtime::query::query;

fn main() {
    let _ = query::<Account>().expand(navigation::PRIMARYCONTACTID, |c| {
        c.select(contact::columns::FULLNAME).top(1)
    });
}
