// Inside an expansion, conditions are on the related table: a condition on contacts does not
// fit the expansion of `Account_Tasks` (`Filter<Contact>` is not `Filter<Task>`).

use dataverse_fixture_tables::account::{navigation, Account};
use dataverse_fixture_tables::contact;
use dataverse_runtime::query::query;

fn main() {
    let _ = query::<Account>().expand(navigation::ACCOUNT_TASKS, |t| {
        t.filter(contact::columns::FIRSTNAME.eq("x"))
    });
}
