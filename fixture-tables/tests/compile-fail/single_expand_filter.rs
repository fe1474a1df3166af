// A single-valued expansion takes `$select` and `$expand` only (Microsoft Learn, "Join tables
// using OData"): `Nested<_, Single>` has no `filter`. (rustc's message points at
// `Iterator::filter`, the only `filter` in scope: `Nested` is no iterator.)

use dataverse_fixture_tables::account::{navigation, Account};
use dataverse_fixture_tables::contact;
use dataverse_runtime::query::query;

fn main() {
    let _ = query::<Account>().expand(navigation::PRIMARYCONTACTID, |c| {
        c.filter(contact::columns::FULLNAME.eq("x"))
    });
}
