// A lookup's type companion (`owneridtype`) is no Web API property: it has no column descriptor
// (the lookup `ownerid` has one).

use dataverse_fixture_tables::sample_bankaccount::columns;

fn main() {
    let _ = columns::OWNERIDTYPE;
}
