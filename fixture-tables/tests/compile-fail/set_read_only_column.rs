// A read-only column (`createdon`, access `R`: valid for neither create nor update) cannot be
// set on any body.

use dataverse_fixture_tables::account::{columns, Account};
use dataverse_runtime::DateTime;

fn main() {
    let _ = Account::update().set(columns::CREATEDON, DateTime::UNIX_EPOCH);
}
