// A choice column compares with its choice constants (`accountcategorycode eq 1`), never with a
// string: the label is not what the Web API filters on.

use dataverse_fixture_tables::account::columns;

fn main() {
    let _ = columns::ACCOUNTCATEGORYCODE.eq("Preferred Customer");
}
