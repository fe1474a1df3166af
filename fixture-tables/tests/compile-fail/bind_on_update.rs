// Binding rows to a collection-valued navigation property (`Account_Tasks@odata.bind: [...]`)
// is a create body's: an update body has no `bind` (associate with `associate` instead).

use dataverse_fixture_tables::account::{navigation, Account};

fn main() {
    let _ = Account::update().bind(navigation::ACCOUNT_TASKS, []);
}
