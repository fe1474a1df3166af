//! The Dataverse words a page uses as values: column Type, RequiredLevel, CascadeType,
//! DateTimeBehavior, OwnershipType, TableType, PrecisionSource, and `Format` with its three
//! vocabularies. Each parses from and prints as the page's word, and serializes as it.

use serde::{Serialize, Serializer};

/// Serializes each type as its `word()`: the JSON model shows the page's words.
macro_rules! serialize_as_word {
    ($($ty:ty),+) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.word())
            }
        }
    )+};
}

/// Declares an enum of Dataverse words, each variant named as the docs spell its word. Words
/// parse in any letter case and print (and serialize) as the docs spell them.
/// - `closed`: a `Copy` enum of the documented words; [`known`](DateTimeFormat::known) gives
///   `None` for any other word.
/// - `open`: the documented words and `Other(String)`: pages are untrusted, so a word the docs
///   do not list is kept as written, never an error.
macro_rules! words {
    ($(#[$attr:meta])* closed $name:ident { $($(#[$vattr:meta])* $word:ident,)+ }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vattr])* $word,)+
        }

        impl $name {
            /// Every documented word, in the docs' order.
            pub const ALL: &'static [$name] = &[$($name::$word),+];

            /// The word as the docs spell it.
            pub fn word(self) -> &'static str {
                match self {
                    $($name::$word => stringify!($word),)+
                }
            }

            /// The documented word `word` spells in any letter case, else `None`.
            pub fn known(word: &str) -> Option<$name> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|w| w.word().eq_ignore_ascii_case(word))
            }
        }

        serialize_as_word!($name);
    };
    ($(#[$attr:meta])* open $name:ident { $($(#[$vattr:meta])* $word:ident,)+ }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vattr])* $word,)+
            /// A word the docs do not list, kept as written.
            Other(String),
        }

        impl $name {
            /// Every documented word, in the docs' order.
            pub const KNOWN: &'static [$name] = &[$($name::$word),+];

            /// Parses a word (in any letter case); a word the docs do not list is kept as
            /// written in `Other`.
            pub fn parse(word: &str) -> $name {
                Self::KNOWN
                    .iter()
                    .find(|w| w.word().eq_ignore_ascii_case(word))
                    .cloned()
                    .unwrap_or_else(|| $name::Other(word.to_string()))
            }

            /// The word as the docs spell it, or as the page wrote it (`Other`).
            pub fn word(&self) -> &str {
                match self {
                    $($name::$word => stringify!($word),)+
                    $name::Other(w) => w,
                }
            }
        }

        serialize_as_word!($name);
    };
}

mod format;
mod precision;
pub use format::{DateTimeFormat, Format, IntegerFormat, StringFormat};
pub use precision::PrecisionSource;

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

serialize_as_word!(ColumnType);

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

serialize_as_word!(RequiredLevel);

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

words! {
    /// `DateTimeBehavior` (Date and Time columns): how the value is stored and travels
    /// ([`crate::webapi::date_kind`]).
    open DateTimeBehavior {
        UserLocal,
        DateOnly,
        TimeZoneIndependent,
    }
}

words! {
    /// `OwnershipType` (tables), Dataverse's `OwnershipTypes`.
    open OwnershipType {
        None,
        UserOwned,
        TeamOwned,
        BusinessOwned,
        OrganizationOwned,
        BusinessParented,
        Filtered,
    }
}

words! {
    /// `TableType` (tables).
    open TableType {
        Standard,
        Activity,
        Virtual,
        Elastic,
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

    /// Every documented word parses to itself in the docs' spelling and in other letter cases
    /// and prints as the docs spell it; the pages' spellings parse to the words given; an
    /// unknown word is kept as written.
    fn check_open_words<T: std::fmt::Debug + PartialEq>(
        known: &[T],
        parse: fn(&str) -> T,
        word: fn(&T) -> &str,
        spellings: &[(&str, T)],
        unknown: &str,
    ) {
        for w in known {
            let spelled = word(w);
            for variant in [spelled.to_ascii_lowercase(), spelled.to_ascii_uppercase()] {
                assert_eq!(&parse(&variant), w, "{variant}");
                assert_eq!(word(&parse(&variant)), spelled);
            }
        }
        for (spelled, want) in spellings {
            assert_eq!(&parse(spelled), want, "{spelled}");
        }
        let other = parse(unknown);
        assert!(!known.contains(&other), "{unknown}");
        assert_eq!(word(&other), unknown);
    }

    #[test]
    fn datetime_behaviors_parse_in_any_case_and_keep_unknown_words() {
        type W = DateTimeBehavior;
        let spellings = [
            ("UserLocal", W::UserLocal),
            ("DateOnly", W::DateOnly),
            ("TimeZoneIndependent", W::TimeZoneIndependent),
            ("dateonly", W::DateOnly),
        ];
        check_open_words(W::KNOWN, W::parse, W::word, &spellings, "User Local");
        assert_eq!(W::parse("Frob"), W::Other("Frob".to_string()));
    }

    #[test]
    fn ownership_types_parse_in_any_case_and_keep_unknown_words() {
        type W = OwnershipType;
        let spellings = [
            ("UserOwned", W::UserOwned),
            ("OrganizationOwned", W::OrganizationOwned),
            ("None", W::None),
            ("BusinessOwned", W::BusinessOwned),
            ("teamowned", W::TeamOwned),
        ];
        check_open_words(W::KNOWN, W::parse, W::word, &spellings, "OrgOwned");
        let json = serde_json::to_string(&[W::UserOwned, W::parse("OrgOwned")]).unwrap();
        assert_eq!(json, r#"["UserOwned","OrgOwned"]"#);
    }

    #[test]
    fn table_types_parse_in_any_case_and_keep_unknown_words() {
        type W = TableType;
        let spellings = [("Standard", W::Standard), ("VIRTUAL", W::Virtual)];
        check_open_words(W::KNOWN, W::parse, W::word, &spellings, "Intersect");
        assert_eq!(serde_json::to_string(&W::Elastic).unwrap(), r#""Elastic""#);
    }
}
