// A Virtual column (`sample_summary`) is no Web API property: it has no column descriptor.

use dataverse_fixture_tables::sample_bankaccount::columns;

fn main() {
    let _ = columns::SAMPLE_SUMMARY;
}
