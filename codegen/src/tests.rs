use super::*;

#[test]
fn product_slugs() {
    for (name, slug) in [
        ("Microsoft Dataverse", "dataverse"),
        ("Microsoft Dynamics 365", "dynamics-365"),
        ("Microsoft Dynamics 365 Sales", "sales"),
        (
            "Microsoft Dynamics 365 Customer Service",
            "customer-service",
        ),
        ("Microsoft Dynamics 365 Field Service", "field-service"),
        (
            "Dynamics 365 Customer Insights - Journeys",
            "customer-insights-journeys",
        ),
        ("Microsoft  Power Pages ", "power-pages"),
    ] {
        assert_eq!(product_slug(name), slug, "{name}");
    }
}

#[test]
fn the_skipped_note_is_one_line() {
    assert_eq!(skipped_note(&[]), None);
    let one = [Skipped {
        file: "a/toc\n.md".to_string(),
        reason: "an action page".to_string(),
    }];
    assert_eq!(
        skipped_note(&one).as_deref(),
        Some("note: skipped 1 markdown file that is not a table/entity reference page: a/toc\\u{a}.md (an action page)")
    );
}
