//! The `PrecisionSource` of a Money column.

use serde::{Serialize, Serializer};

/// `PrecisionSource` (Money columns): where the precision of a value comes from. The docs
/// give it as a number; pages write the number alone (`2`) or followed by its source
/// (`2 (TransactionCurrency.CurrencyPrecision)`). It prints as the number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PrecisionSource {
    /// 0: the column's own `Precision`.
    Precision,
    /// 1: `Organization.PricingDecimalPrecision`.
    Organization,
    /// 2: `TransactionCurrency.CurrencyPrecision`, the currency of the row.
    Currency,
    /// Any other text, kept as written.
    Other(String),
}

impl PrecisionSource {
    /// Each source with its number and the name a page may add in parentheses.
    const KNOWN: [(PrecisionSource, &'static str, &'static str); 3] = [
        (PrecisionSource::Precision, "0", "Precision"),
        (
            PrecisionSource::Organization,
            "1",
            "Organization.PricingDecimalPrecision",
        ),
        (
            PrecisionSource::Currency,
            "2",
            "TransactionCurrency.CurrencyPrecision",
        ),
    ];

    /// Parses `N` or `N (<source>)` (the source's name in any letter case); any other text is
    /// kept as written.
    pub fn parse(text: &str) -> PrecisionSource {
        let trimmed = text.trim();
        let (number, rest) = trimmed
            .split_once(char::is_whitespace)
            .unwrap_or((trimmed, ""));
        let name = rest.trim();
        let name = name.strip_prefix('(').and_then(|n| n.strip_suffix(')'));
        Self::KNOWN
            .into_iter()
            .find(|(_, n, source)| {
                *n == number
                    && (rest.is_empty()
                        || name.is_some_and(|m| m.trim().eq_ignore_ascii_case(source)))
            })
            .map(|(known, _, _)| known)
            .unwrap_or_else(|| PrecisionSource::Other(text.to_string()))
    }

    /// The number, or the text as written (`Other`).
    pub fn word(&self) -> &str {
        match self {
            PrecisionSource::Precision => "0",
            PrecisionSource::Organization => "1",
            PrecisionSource::Currency => "2",
            PrecisionSource::Other(w) => w,
        }
    }
}

serialize_as_word!(PrecisionSource);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_sources_are_numbers_with_an_optional_source() {
        for (text, want) in [
            ("0", PrecisionSource::Precision),
            ("1", PrecisionSource::Organization),
            ("2", PrecisionSource::Currency),
            (
                "2 (TransactionCurrency.CurrencyPrecision)",
                PrecisionSource::Currency,
            ),
            (
                "2 (transactioncurrency.currencyprecision)",
                PrecisionSource::Currency,
            ),
            (
                "1 (Organization.PricingDecimalPrecision)",
                PrecisionSource::Organization,
            ),
            (" 0 ", PrecisionSource::Precision),
        ] {
            assert_eq!(PrecisionSource::parse(text), want, "{text}");
        }
        // A number that contradicts its source, an unknown number, a word: kept as written.
        for text in [
            "2 (Organization.PricingDecimalPrecision)",
            "3",
            "two",
            "2 TransactionCurrency",
            "",
        ] {
            let got = PrecisionSource::parse(text);
            assert_eq!(got, PrecisionSource::Other(text.to_string()));
            assert_eq!(got.word(), text);
        }
        assert_eq!(PrecisionSource::Currency.word(), "2");
    }
}
