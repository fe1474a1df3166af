//! The Dataverse words a page uses as values: column Type, RequiredLevel, CascadeType. Each
//! parses from and prints as the page's word, and serializes as it.

use serde::{Serialize, Serializer};

/// The page's `Type` word.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ColumnType {
    String,
    Memo,
    Integer,
    BigInt,
    Decimal,
    Double,
    Money,
    Boolean,
    DateTime,
    Lookup,
    Customer,
    Owner,
    PartyList,
    Picklist,
    MultiSelectPicklist,
    State,
    Status,
    Uniqueidentifier,
    EntityName,
    Image,
    File,
    Virtual,
    ManagedProperty,
    /// A Type word this generator does not know, kept as written.
    Other(String),
}

impl ColumnType {
    const KNOWN: [ColumnType; 23] = [
        ColumnType::String,
        ColumnType::Memo,
        ColumnType::Integer,
        ColumnType::BigInt,
        ColumnType::Decimal,
        ColumnType::Double,
        ColumnType::Money,
        ColumnType::Boolean,
        ColumnType::DateTime,
        ColumnType::Lookup,
        ColumnType::Customer,
        ColumnType::Owner,
        ColumnType::PartyList,
        ColumnType::Picklist,
        ColumnType::MultiSelectPicklist,
        ColumnType::State,
        ColumnType::Status,
        ColumnType::Uniqueidentifier,
        ColumnType::EntityName,
        ColumnType::Image,
        ColumnType::File,
        ColumnType::Virtual,
        ColumnType::ManagedProperty,
    ];

    /// Parses a Type word (case-insensitively); unknown words become [`ColumnType::Other`].
    pub fn parse(word: &str) -> ColumnType {
        Self::KNOWN
            .iter()
            .find(|t| t.word().eq_ignore_ascii_case(word))
            .cloned()
            .unwrap_or_else(|| ColumnType::Other(word.to_string()))
    }

    pub fn word(&self) -> &str {
        match self {
            ColumnType::String => "String",
            ColumnType::Memo => "Memo",
            ColumnType::Integer => "Integer",
            ColumnType::BigInt => "BigInt",
            ColumnType::Decimal => "Decimal",
            ColumnType::Double => "Double",
            ColumnType::Money => "Money",
            ColumnType::Boolean => "Boolean",
            ColumnType::DateTime => "DateTime",
            ColumnType::Lookup => "Lookup",
            ColumnType::Customer => "Customer",
            ColumnType::Owner => "Owner",
            ColumnType::PartyList => "PartyList",
            ColumnType::Picklist => "Picklist",
            ColumnType::MultiSelectPicklist => "MultiSelectPicklist",
            ColumnType::State => "State",
            ColumnType::Status => "Status",
            ColumnType::Uniqueidentifier => "Uniqueidentifier",
            ColumnType::EntityName => "EntityName",
            ColumnType::Image => "Image",
            ColumnType::File => "File",
            ColumnType::Virtual => "Virtual",
            ColumnType::ManagedProperty => "ManagedProperty",
            ColumnType::Other(w) => w,
        }
    }

    pub fn is_reference(&self) -> bool {
        matches!(
            self,
            ColumnType::Lookup | ColumnType::Customer | ColumnType::Owner
        )
    }

    pub fn has_choices(&self) -> bool {
        matches!(
            self,
            ColumnType::Picklist
                | ColumnType::MultiSelectPicklist
                | ColumnType::State
                | ColumnType::Status
        )
    }
}

impl Serialize for ColumnType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.word())
    }
}

/// `RequiredLevel`, kept as written when unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequiredLevel {
    None,
    SystemRequired,
    ApplicationRequired,
    Recommended,
    Other(String),
}

impl RequiredLevel {
    pub fn parse(word: &str) -> RequiredLevel {
        match word {
            "None" => RequiredLevel::None,
            "SystemRequired" => RequiredLevel::SystemRequired,
            "ApplicationRequired" => RequiredLevel::ApplicationRequired,
            "Recommended" => RequiredLevel::Recommended,
            other => RequiredLevel::Other(other.to_string()),
        }
    }

    pub fn word(&self) -> &str {
        match self {
            RequiredLevel::None => "None",
            RequiredLevel::SystemRequired => "SystemRequired",
            RequiredLevel::ApplicationRequired => "ApplicationRequired",
            RequiredLevel::Recommended => "Recommended",
            RequiredLevel::Other(w) => w,
        }
    }
}

impl Serialize for RequiredLevel {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.word())
    }
}

/// Dataverse's `CascadeType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CascadeType {
    Cascade,
    NoCascade,
    Active,
    UserOwned,
    RemoveLink,
    Restrict,
}

impl CascadeType {
    pub const ALL: [CascadeType; 6] = [
        CascadeType::Cascade,
        CascadeType::NoCascade,
        CascadeType::Active,
        CascadeType::UserOwned,
        CascadeType::RemoveLink,
        CascadeType::Restrict,
    ];

    pub fn word(self) -> &'static str {
        match self {
            CascadeType::Cascade => "Cascade",
            CascadeType::NoCascade => "NoCascade",
            CascadeType::Active => "Active",
            CascadeType::UserOwned => "UserOwned",
            CascadeType::RemoveLink => "RemoveLink",
            CascadeType::Restrict => "Restrict",
        }
    }

    pub fn parse(word: &str) -> Option<CascadeType> {
        Self::ALL.into_iter().find(|c| c.word() == word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_words_round_trip() {
        for t in ColumnType::KNOWN {
            assert_eq!(ColumnType::parse(t.word()), t);
        }
        assert_eq!(ColumnType::parse("datetime"), ColumnType::DateTime);
        assert_eq!(
            ColumnType::parse("Frob"),
            ColumnType::Other("Frob".to_string())
        );
    }

    #[test]
    fn cascade_words_round_trip() {
        for c in CascadeType::ALL {
            assert_eq!(CascadeType::parse(c.word()), Some(c));
        }
        assert_eq!(CascadeType::parse("Cascde"), None);
    }
}
