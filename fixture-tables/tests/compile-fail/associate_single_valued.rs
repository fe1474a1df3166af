// `associate` (`POST <row>/<collection>/$ref`) is for collection-valued navigation properties:
// a single-valued one is set with `set_reference` (`PUT <row>/<single-valued>/$ref`).
// Microsoft Learn, "Associate and disassociate table rows".

use dataverse_fixture_tables::account::navigation;
use dataverse_runtime::query::associate;
use dataverse_runtime::Uuid;

fn main() {
    let _ = associate(Uuid::nil(), navigation::PRIMARYCONTACTID, Uuid::nil());
}
