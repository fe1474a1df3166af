// A lookup is cleared through its navigation property (`clear_reference`,
// `DELETE accounts(<id>)/primarycontactid/$ref`), not as a plain property.

use dataverse_fixture_tables::account::columns;
use dataverse_runtime::query::delete_property;
use dataverse_runtime::Uuid;

fn main() {
    let _ = delete_property(Uuid::nil(), columns::PRIMARYCONTACTID);
}
