// A choice column compares with its choice constants, not with a bare number either.

use dataverse_fixture_tables::account::columns;

fn main() {
    let _ = columns::ACCOUNTCATEGORYCODE.eq(1);
}
