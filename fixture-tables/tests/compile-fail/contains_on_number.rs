// The OData string functions `contains`, `startswith` and `endswith` take text columns only.

use dataverse_fixture_tables::account::columns;

fn main() {
    let _ = columns::NUMBEROFEMPLOYEES.contains("1");
}
