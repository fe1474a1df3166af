// An update returns its row with `$select` only: "The `$expand` query option is ignored if
// used" (Microsoft Learn, "Update and delete table rows", "Update with data returned").

use dataverse_fixture_tables::account::{columns, navigation, Account};
use dataverse_runtime::query::update;
use dataverse_runtime::Uuid;

fn main() {
    let _ = update(Uuid::nil(), Account::update().set(columns::NAME, "x"))
        .expand(navigation::PRIMARYCONTACTID, |c| c);
}
