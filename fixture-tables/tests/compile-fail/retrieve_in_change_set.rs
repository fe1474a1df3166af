// "`GET` requests are not allowed within change sets" (Microsoft Learn, "Execute batch
// operations using the Web API"): a single-row retrieve is no `Change` either.

use dataverse_fixture_tables::account::Account;
use dataverse_runtime::query::{retrieve, Batch};
use dataverse_runtime::Uuid;

fn main() {
    let _ = Batch::new()
        .request(retrieve::<Account>(Uuid::nil()))
        .change_set(|set| {
            set.add(retrieve::<Account>(Uuid::nil()));
        });
}
