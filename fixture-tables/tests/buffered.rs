//! The generated records inside a user's own serde types: a `#[serde(flatten)]` wrapper and an
//! `#[serde(untagged)]` enum, where serde buffers the input before the record reads it.

mod common;

use common::*;
use dataverse_fixture_tables::sample_bankaccount::SampleBankaccount;
use dataverse_runtime as rt;

/// Whether `serde_json` was built with `arbitrary_precision` (by any crate of the build):
/// then serde's buffer keeps every digit of a number too.
fn arbitrary_precision() -> bool {
    serde_json::to_string(&json("1.50")).expect("writes") == "1.50"
}

/// What a decimal written as `exact` reads as through serde's buffering (`flatten`,
/// `untagged`). As `rt::json` documents: integers and values of at most 15 significant digits
/// come back exactly, but through an `f64`, so the written scale is lost; more digits keep
/// about 15. With `arbitrary_precision`, every digit.
fn buffered(exact: &str, through_f64: &str) -> String {
    if arbitrary_precision() {
        exact
    } else {
        through_f64
    }
    .to_string()
}

/// Money and Decimal values of [`ROW`] read through serde's buffering.
fn assert_buffered_money(row: &SampleBankaccount) {
    let balance = row.sample_balance.expect("balance");
    assert_eq!(
        balance.to_string(),
        buffered("922337203685477.0000", "922337203685477.0"),
        "15 significant digits: exact, but not the scale"
    );
    assert_eq!(balance, decimal("922337203685477.0000"), "the same number");
    assert_eq!(row.sample_balance_base, Some(decimal("-0.01")));
    assert_eq!(
        row.sample_balance_base.map(|d| d.to_string()).as_deref(),
        Some("-0.01")
    );
    assert_eq!(
        row.sample_interestrate.map(|d| d.to_string()).as_deref(),
        Some("1.2345")
    );
}

#[test]
fn every_column_type_reads_inside_a_flattened_wrapper() {
    let wrapped: WithContext = rt::from_str(ROW).expect("reads");
    assert_eq!(wrapped.context, CONTEXT, "the wrapper's own field");
    assert_typed_columns(&wrapped.account);
    assert_buffered_money(&wrapped.account);
    assert_eq!(
        wrapped.account.extra.context(),
        None,
        "the wrapper took @odata.context"
    );
    assert_writes_back(&serde_json::to_value(&wrapped).expect("writes"), ROW);
}

#[test]
fn every_column_type_reads_inside_an_untagged_enum() {
    let answer: Answer = rt::from_str(ROW).expect("reads");
    let Answer::Account(row) = answer else {
        panic!("not an account: {answer:?}");
    };
    assert_typed_columns(&row);
    assert_buffered_money(&row);
    assert_eq!(row.extra.context().as_deref(), Some(CONTEXT));
    let failed: Answer = rt::from_str(r#"{"error": {"code": "0x80040217"}}"#).expect("reads");
    let Answer::Failed { error } = failed else {
        panic!("not an error: {failed:?}");
    };
    assert_eq!(error["code"], "0x80040217");
}

#[test]
fn money_precision_direct_and_buffered() {
    let text = r#"{
        "sample_balance": 16610813161703.0000,
        "sample_balance_base": 922337203685477.5807,
        "sample_interestrate": 3059851183.4600000000
    }"#;
    let digits = |row: &SampleBankaccount| {
        [
            row.sample_balance,
            row.sample_balance_base,
            row.sample_interestrate,
        ]
        .map(|d| d.expect("a value").to_string())
    };
    // Read straight from the text: every digit, and the scale.
    let direct: SampleBankaccount = rt::from_str(text).expect("reads");
    assert_eq!(
        digits(&direct),
        [
            "16610813161703.0000",
            "922337203685477.5807",
            "3059851183.4600000000"
        ]
    );
    // Through serde's buffer: at most 15 significant digits come back exactly, however
    // padded; the largest Money value (19 digits) keeps about 15.
    let wrapped: WithContext =
        rt::from_str(&text.replacen('{', r#"{"@odata.context": "c","#, 1)).expect("reads");
    let Answer::Account(untagged) = rt::from_str(text).expect("reads") else {
        panic!("not an account");
    };
    for row in [&wrapped.account, &*untagged] {
        assert_eq!(
            digits(row),
            [
                buffered("16610813161703.0000", "16610813161703.0"),
                buffered("922337203685477.5807", "922337203685477.6"),
                buffered("3059851183.4600000000", "3059851183.46"),
            ]
        );
        assert_eq!(row.sample_balance, Some(decimal("16610813161703")));
        assert_eq!(row.sample_interestrate, Some(decimal("3059851183.46")));
    }
}
