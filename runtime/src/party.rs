//! Activity parties: the To, From, Cc, attendees ... of an activity, which the Web API keeps in
//! the activity's parties collection (`email_activity_parties`), one row per party with its
//! participation type.

use super::record::{Lookup, ReadError, Reader};
use super::Uuid;

/// One party of an activity's PartyList column: a row of one of the column's target tables,
/// or, when unresolved, only the address used.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Party<T> {
    pub party: Option<T>,
    pub address_used: Option<String>,
}

impl<T> Party<T> {
    /// A party that is a row.
    pub fn row(party: T) -> Self {
        Party {
            party: Some(party),
            address_used: None,
        }
    }

    /// An unresolved party: only an address (an email address, say).
    pub fn address(address: impl Into<String>) -> Self {
        Party {
            party: None,
            address_used: Some(address.into()),
        }
    }
}

/// An `activityparty` row as the Web API sends it in the parties collection.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
struct WireParty {
    #[serde(default)]
    participationtypemask: Option<i32>,
    #[serde(rename = "_partyid_value", default)]
    partyid: Option<Uuid>,
    #[serde(
        rename = "_partyid_value@Microsoft.Dynamics.CRM.lookuplogicalname",
        default
    )]
    partyid_table: Option<String>,
    #[serde(default)]
    addressused: Option<String>,
}

impl Reader {
    /// The parties of one participation type in an expanded parties collection (which stays
    /// in the record's extra, to be written back as it came); `None` when it was not expanded.
    pub fn parties<T: Lookup>(
        &self,
        collection: &str,
        participation_type: i32,
    ) -> Result<Option<Vec<Party<T>>>, ReadError> {
        let Some(rows) = self.peek_rows::<WireParty>(collection)? else {
            return Ok(None);
        };
        let parties = rows
            .into_iter()
            .filter(|p| p.participationtypemask == Some(participation_type))
            .map(|p| Party {
                party: p
                    .partyid
                    .map(|id| T::from_parts(p.partyid_table.as_deref(), id)),
                address_used: p.addressused,
            });
        Ok(Some(parties.collect()))
    }
}
