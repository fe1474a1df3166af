//! The `Format` and `FormatName` words. A column's format comes from the vocabulary of its type:
//! `StringFormat` (String and Memo), `IntegerFormat` (Integer) or `DateTimeFormat` (Date and
//! Time). The three share no word, so a word alone says which: a page may state a format before
//! its Type (older pages list properties alphabetically) or without it (extension pages).

use serde::{Serialize, Serializer};

words! {
    /// Dataverse's `StringFormat`, also the words of `StringFormatName` and `MemoFormatName`.
    closed StringFormat {
        Email,
        Text,
        TextArea,
        Url,
        TickerSymbol,
        PhoneticGuide,
        VersionNumber,
        Phone,
        Json,
        RichText,
    }
}

words! {
    /// Dataverse's `IntegerFormat`.
    closed IntegerFormat {
        None,
        Duration,
        TimeZone,
        Language,
        Locale,
    }
}

words! {
    /// Dataverse's `DateTimeFormat`: how apps display a date (the wire goes by the
    /// `DateTimeBehavior`).
    closed DateTimeFormat {
        DateOnly,
        DateAndTime,
    }
}

/// A `Format` or `FormatName` word, in the vocabulary it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    String(StringFormat),
    Integer(IntegerFormat),
    DateTime(DateTimeFormat),
    /// A word none of the three lists, kept as written.
    Other(String),
}

impl Format {
    /// Parses a word (in any letter case); a word no vocabulary lists is kept as written.
    pub fn parse(word: &str) -> Format {
        StringFormat::known(word)
            .map(Format::String)
            .or_else(|| IntegerFormat::known(word).map(Format::Integer))
            .or_else(|| DateTimeFormat::known(word).map(Format::DateTime))
            .unwrap_or_else(|| Format::Other(word.to_string()))
    }

    /// The word as the docs spell it, or as the page wrote it (`Other`).
    pub fn word(&self) -> &str {
        match self {
            Format::String(f) => f.word(),
            Format::Integer(f) => f.word(),
            Format::DateTime(f) => f.word(),
            Format::Other(w) => w,
        }
    }
}

serialize_as_word!(Format);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_word_parses_into_its_vocabulary_in_any_case() {
        let every = StringFormat::ALL
            .iter()
            .map(|f| Format::String(*f))
            .chain(IntegerFormat::ALL.iter().map(|f| Format::Integer(*f)))
            .chain(DateTimeFormat::ALL.iter().map(|f| Format::DateTime(*f)));
        for f in every {
            let word = f.word().to_string();
            for spelled in [
                word.clone(),
                word.to_ascii_lowercase(),
                word.to_ascii_uppercase(),
            ] {
                assert_eq!(Format::parse(&spelled), f, "{spelled}");
                assert_eq!(Format::parse(&spelled).word(), word);
            }
        }
    }

    #[test]
    fn the_corpus_spellings_and_an_unknown_word() {
        for (word, want) in [
            ("Text", Format::String(StringFormat::Text)),
            ("TextArea", Format::String(StringFormat::TextArea)),
            ("Url", Format::String(StringFormat::Url)),
            ("Email", Format::String(StringFormat::Email)),
            ("Phone", Format::String(StringFormat::Phone)),
            ("PhoneticGuide", Format::String(StringFormat::PhoneticGuide)),
            ("VersionNumber", Format::String(StringFormat::VersionNumber)),
            ("None", Format::Integer(IntegerFormat::None)),
            ("TimeZone", Format::Integer(IntegerFormat::TimeZone)),
            ("DateOnly", Format::DateTime(DateTimeFormat::DateOnly)),
            ("DateAndTime", Format::DateTime(DateTimeFormat::DateAndTime)),
            ("dateandtime", Format::DateTime(DateTimeFormat::DateAndTime)),
        ] {
            assert_eq!(Format::parse(word), want, "{word}");
        }
        let odd = Format::parse("Date and time");
        assert_eq!(odd, Format::Other("Date and time".to_string()));
        assert_eq!(odd.word(), "Date and time");
        let json = serde_json::to_string(&[Format::parse("url"), odd]).unwrap();
        assert_eq!(json, r#"["Url","Date and time"]"#);
        assert_eq!(StringFormat::known("Frob"), None);
    }
}
