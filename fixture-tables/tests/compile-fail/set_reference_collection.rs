// A collection-valued navigation property has no single-valued `$ref` (`PUT .../$ref`): it is
// associated with `associate` (`POST <row>/<collection>/$ref`). Microsoft Learn, "Associate and
// disassociate table rows".

use dataverse_fixture_tables::account::navigation;
use dataverse_runtime::query::set_reference;
use dataverse_runtime::Uuid;

fn main() {
    let _ = set_reference(Uuid::nil(), navigation::ACCOUNT_TASKS, Uuid::nil());
}
