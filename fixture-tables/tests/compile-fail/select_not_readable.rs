// `$select` takes readable columns only (`Selection` is implemented for access `Rcu`, `Rc`,
// `Ru`, `R`). An email's `to` is a PartyList column with access `Cu`: it has no Web API
// property to select (its parties are read from the activity-parties collection). The fixture
// pages have no other column that is not valid for read.

use dataverse_fixture_tables::email::{columns, Email};
use dataverse_runtime::query::query;

fn main() {
    let _ = query::<Email>().select(columns::TO);
}
