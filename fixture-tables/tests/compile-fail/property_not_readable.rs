// The parties of a meeting are set as a column (access `Cu`) but are no property to
// `$select`: `property()` exists only for readable columns (`logical_name()` for all).

use dataverse_fixture_tables::sample_meeting::columns;

fn main() {
    let _ = columns::REQUIREDATTENDEES.property();
}
