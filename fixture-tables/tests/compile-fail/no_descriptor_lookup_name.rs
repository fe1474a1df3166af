// A lookup's name companion (`sample_customeridname`) is no Web API property: it has no column
// descriptor (the lookup `sample_customerid` has one).

use dataverse_fixture_tables::sample_bankaccount::columns;

fn main() {
    let _ = columns::SAMPLE_CUSTOMERIDNAME;
}
