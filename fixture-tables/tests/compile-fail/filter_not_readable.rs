// A column that is not readable has no property to filter (or order) on: `is_null`, `eq`,
// `asc`, ... exist only where the access marker is `Readable`. An email's `to` is `Cu`.

use dataverse_fixture_tables::email::columns;

fn main() {
    let _ = columns::TO.is_null();
}
