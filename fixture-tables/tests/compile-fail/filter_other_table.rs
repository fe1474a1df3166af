// A condition on another table's column does not fit a query: `Filter<Contact>` is not
// `Filter<Account>`.

use dataverse_fixture_tables::account::Account;
use dataverse_fixture_tables::contact;
use dataverse_runtime::query::query;

fn main() {
    let _ = query::<Account>().filter(contact::columns::FIRSTNAME.eq("x"));
}
