// What the docs mark deprecated (`(Deprecated) Process Stage`) is `#[deprecated]`: using it
// warns, so it fails where warnings are denied.

#![deny(deprecated)]
use dataverse_fixture_tables::account::{columns, Account};

fn main() {
    let _ = (Account::default().stageid, columns::STAGEID);
}
