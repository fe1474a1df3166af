// A navigation property of another table does not fit a body: `Many<Contact, Task>` is not
// `Many<Account, _>`.

use dataverse_fixture_tables::account::Account;
use dataverse_fixture_tables::contact;

fn main() {
    let _ = Account::create().bind(contact::navigation::CONTACT_TASKS, []);
}
