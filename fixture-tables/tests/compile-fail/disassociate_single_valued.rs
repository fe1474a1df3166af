// `disassociate` (`DELETE <row>/<collection>(<id>)/$ref`) is for collection-valued navigation
// properties: a single-valued one is cleared with `clear_reference`. Microsoft Learn,
// "Associate and disassociate table rows".

use dataverse_fixture_tables::account::navigation;
use dataverse_runtime::query::disassociate;
use dataverse_runtime::Uuid;

fn main() {
    let _ = disassociate(Uuid::nil(), navigation::PRIMARYCONTACTID, Uuid::nil());
}
