// A lookup is not a plain property: its row is `retrieve_related` through its navigation
// property (`GET accounts(<id>)/primarycontactid`), not `retrieve_property`.

use dataverse_fixture_tables::account::columns;
use dataverse_runtime::query::retrieve_property;
use dataverse_runtime::Uuid;

fn main() {
    let _ = retrieve_property(Uuid::nil(), columns::PRIMARYCONTACTID);
}
