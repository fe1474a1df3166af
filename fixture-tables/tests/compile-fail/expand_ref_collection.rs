// `$expand=<navigation>/$ref` is for single-valued navigation properties only: `expand_ref`
// takes a `One`, not a `Many`.

use dataverse_fixture_tables::account::{navigation, Account};
use dataverse_runtime::query::query;

fn main() {
    let _ = query::<Account>().expand_ref(navigation::ACCOUNT_TASKS);
}
