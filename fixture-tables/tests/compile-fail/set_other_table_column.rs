// A column of another table does not fit a body: `Column<Contact, ..>` is not
// `Column<Account, ..>`.

use dataverse_fixture_tables::account::Account;
use dataverse_fixture_tables::contact;

fn main() {
    let _ = Account::create().set(contact::columns::FIRSTNAME, "x");
}
