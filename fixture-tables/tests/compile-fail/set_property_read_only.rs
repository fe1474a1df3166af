// A single-property update (`PUT accounts(<id>)/createdon`) of a column not valid for update
// does not compile ("Update a single property value", Microsoft Learn).

use dataverse_fixture_tables::account::columns;
use dataverse_runtime::query::set_property;
use dataverse_runtime::{DateTime, Uuid};

fn main() {
    let _ = set_property(Uuid::nil(), columns::CREATEDON, DateTime::UNIX_EPOCH);
}
