// A column the docs say is not valid for create (`lastusedincampaign`, access `Ru`) cannot be
// set on a create (POST) body: `Ru` is no `Allows<Create>`.

use dataverse_fixture_tables::account::{columns, Account};
use dataverse_runtime::DateTime;

fn main() {
    let _ = Account::create().set(columns::LASTUSEDINCAMPAIGN, DateTime::UNIX_EPOCH);
}
