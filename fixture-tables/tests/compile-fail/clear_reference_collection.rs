// `clear_reference` (`DELETE <row>/<single-valued>/$ref`) is for single-valued navigation
// properties: a row leaves a collection with `disassociate`. Microsoft Learn, "Associate and
// disassociate table rows".

use dataverse_fixture_tables::account::navigation;
use dataverse_runtime::query::clear_reference;
use dataverse_runtime::Uuid;

fn main() {
    let _ = clear_reference(Uuid::nil(), navigation::ACCOUNT_TASKS);
}
