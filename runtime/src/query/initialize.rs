//! Creating a row from another one (Microsoft Learn, "Create a table row using the Web API",
//! "Create a record from another record"): [`initialize_from`] asks the server for the values
//! its column mappings carry from a row of `S` to a new row of `T`; [`Body::initialized`] turns
//! the answer into a create body, to which more columns are set before the `POST`.

use super::key::Target;
use super::prepared::{Operation, Payload, Prepared, WriteError};
use super::request::encode;
use crate::body::Body;
use crate::json::Json;
use crate::record::Table;
use crate::{Create, Uuid};
use http::Method;
use std::marker::PhantomData;

/// Which of the target table's columns the mapped values may fill (`TargetFieldType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TargetFields {
    /// Columns valid for create.
    ValidForCreate,
    /// Columns valid for update.
    ValidForUpdate,
    /// Columns valid for read.
    ValidForRead,
    /// Every column.
    All,
}

impl TargetFields {
    fn name(self) -> &'static str {
        match self {
            TargetFields::ValidForCreate => "ValidForCreate",
            TargetFields::ValidForUpdate => "ValidForUpdate",
            TargetFields::ValidForRead => "ValidForRead",
            TargetFields::All => "All",
        }
    }
}

/// `GET InitializeFrom(...)`: see [`initialize_from`].
pub struct InitializeRequest<S, T> {
    id: Uuid,
    fields: TargetFields,
    marker: PhantomData<fn() -> (S, T)>,
}

impl<S, T> Clone for InitializeRequest<S, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S, T> Copy for InitializeRequest<S, T> {}

impl<S: Table, T: Table> std::fmt::Debug for InitializeRequest<S, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "InitializeFrom({}({}) -> {}, {:?})",
            S::ENTITY_SET_NAME,
            self.id,
            T::LOGICAL_NAME,
            self.fields
        )
    }
}

impl<S, T> InitializeRequest<S, T> {
    /// The create body for `T` of the answer: [`Body::initialized`].
    pub fn body(&self, answer: &Json) -> Body<T, Create> {
        Body::initialized(answer)
    }
}

/// The values the column mappings of `S` to `T` carry from the row `id`:
/// `GET InitializeFrom(EntityMoniker=@p1,TargetEntityName=@p2,TargetFieldType=@p3)?@p1={'@odata.id':'accounts(<id>)'}&@p2='account'&@p3=Microsoft.Dynamics.CRM.TargetFieldType'ValidForCreate'`.
/// Read the answer with [`from_slice`](crate::from_slice) into a [`Json`] and make it a body
/// with [`Body::initialized`].
pub fn initialize_from<S: Table, T: Table>(
    id: Uuid,
    fields: TargetFields,
) -> InitializeRequest<S, T> {
    InitializeRequest {
        id,
        fields,
        marker: PhantomData,
    }
}

impl<S: Table, T: Table> Operation for InitializeRequest<S, T> {
    fn prepare(&self) -> Result<Prepared, WriteError> {
        let moniker = format!(
            "{{'@odata.id':'{}({})'}}",
            S::ENTITY_SET_NAME.replace('\'', "''"),
            self.id
        );
        let path = format!(
            "InitializeFrom(EntityMoniker=@p1,TargetEntityName=@p2,TargetFieldType=@p3)\
             ?@p1={}&@p2={}&@p3={}",
            encode(&moniker),
            encode(&super::quote(T::LOGICAL_NAME)),
            encode(&format!(
                "Microsoft.Dynamics.CRM.TargetFieldType'{}'",
                self.fields.name()
            )),
        );
        Ok(Prepared::new(
            Method::GET,
            Target::Path(path),
            Payload::None,
        ))
    }
}

impl<T> Body<T, Create> {
    /// A create body holding what [`initialize_from`] answered (its `@odata.type`, binds and
    /// values, as Microsoft's example posts them); set more columns on it before creating the
    /// row. Its annotations but `@odata.type` and the binds (`@odata.context`, formatted
    /// values) are left out. An answer that is not a JSON object gives an empty body that fails to render.
    pub fn initialized(answer: &Json) -> Self {
        let mut body = Body::new();
        match answer.parse::<std::collections::BTreeMap<String, Json>>() {
            Ok(values) => {
                for (property, value) in values {
                    let kept = !property.contains('@')
                        || property == "@odata.type"
                        || property.ends_with("@odata.bind");
                    if kept {
                        body = body.raw_json(&property, value);
                    }
                }
            }
            Err(e) => body = body.error(format!("the InitializeFrom answer is not a row: {e}")),
        }
        body
    }
}
