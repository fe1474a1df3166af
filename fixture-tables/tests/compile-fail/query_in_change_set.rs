// "`GET` requests are not allowed within change sets" (Microsoft Learn, "Execute batch
// operations using the Web API"): a query is no `Change`. A GET goes in the batch itself
// (`Batch::request`).

use dataverse_fixture_tables::account::Account;
use dataverse_runtime::query::{query, Batch};

fn main() {
    let _ = Batch::new().request(query::<Account>()).change_set(|set| {
        set.add(query::<Account>());
    });
}
