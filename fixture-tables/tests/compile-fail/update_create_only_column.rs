// A column the docs say is not valid for update (`overriddencreatedon`, access `Rc`) cannot be
// set on an update (PATCH) body: `Rc` is no `Allows<Update>`.

use dataverse_fixture_tables::account::{columns, Account};
use dataverse_runtime::DateTime;

fn main() {
    let _ = Account::update().set(columns::OVERRIDDENCREATEDON, DateTime::UNIX_EPOCH);
}
