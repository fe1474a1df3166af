// `None` is not a value: a body writes `null` with `Null` (`Set<V>` is implemented for `V`,
// `Null` and, for text, `&str`).

use dataverse_fixture_tables::account::{columns, Account};

fn main() {
    let _ = Account::update().set(columns::NAME, None);
}
