// A column of another table cannot be selected: `Column<Contact, ..>` is no `Selection<Account>`.

use dataverse_fixture_tables::account::Account;
use dataverse_fixture_tables::contact;
use dataverse_runtime::query::query;

fn main() {
    let _ = query::<Account>().select(contact::columns::FIRSTNAME);
}
