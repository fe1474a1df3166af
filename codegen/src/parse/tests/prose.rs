//! The page's hints: the H1 grammar, dates, linked tables, and the product from each source.

use crate::parse::prose::{linked_page, parse_date, split_h1};
use crate::parse::{page, PageDate, PageHints, TableName};
use crate::source::SourceFile;

/// Runs `f` on the hints of one page.
fn with_hints<R>(text: &str, f: impl FnOnce(&PageHints<'_>) -> R) -> R {
    let file = SourceFile::new("t.md", text);
    let (page, _) = page(&file);
    f(&page.hints)
}

#[test]
fn h1_forms() {
    let cases = [
        (
            "Session (msdyn_ocsession) table/entity reference (Microsoft Dynamics 365 Sales)",
            Some((Some("Session"), "msdyn_ocsession")),
        ),
        (
            "Session (msdyn_ocsession) table/entity reference",
            Some((Some("Session"), "msdyn_ocsession")),
        ),
        (
            "Column Permission Profile (mspp_columnpermissionprofile)  table/entity reference",
            Some((
                Some("Column Permission Profile"),
                "mspp_columnpermissionprofile",
            )),
        ),
        (
            "ActionCardUserSettings Entity Reference",
            Some((None, "ActionCardUserSettings")),
        ),
        (
            "msdyn_nonrelationalds entity reference",
            Some((None, "msdyn_nonrelationalds")),
        ),
        (
            "AIPluginTitle table/entity reference (Microsoft Dataverse)",
            Some((None, "AIPluginTitle")),
        ),
        (
            "Old Thing (Deprecated) (sample_old) table/entity reference",
            Some((Some("Old Thing (Deprecated)"), "sample_old")),
        ),
        (
            "[DEPRECATED] Old Thing (sample_old) table/entity reference",
            Some((Some("[DEPRECATED] Old Thing"), "sample_old")),
        ),
        (
            "sample_old (Deprecated) entity reference",
            Some((Some("sample_old (Deprecated)"), "sample_old")),
        ),
        (
            "[Deprecated] sample_old Entity Reference",
            Some((Some("[Deprecated] sample_old"), "sample_old")),
        ),
        (
            "Old Thing (sample_old) (DEPRECATED) table/entity reference",
            Some((Some("Old Thing"), "sample_old")),
        ),
        ("Just some words", None),
    ];
    for (h1, want) in cases {
        assert_eq!(split_h1(h1), want, "{h1}");
    }
}

#[test]
fn dates() {
    let d = |y, m, d| {
        Some(PageDate {
            year: y,
            month: m,
            day: d,
        })
    };
    assert_eq!(parse_date("05/19/2024"), d(2024, 5, 19));
    assert_eq!(parse_date("07.24.2024"), d(2024, 7, 24));
    assert_eq!(parse_date("2024-07-24"), d(2024, 7, 24));
    assert_eq!(parse_date("13/01/2024"), None);
    assert_eq!(parse_date("soon"), None);
}

#[test]
fn linked_pages() {
    assert_eq!(
        linked_page("See the [x](systemuser.md#BKMK_x) one-to-many relationship for the [systemuser](systemuser.md) table/entity."),
        Some("systemuser".to_string())
    );
    assert_eq!(linked_page("no links"), None);
}

#[test]
fn the_product_comes_from_each_source_in_turn() {
    let h1 = "# Session (msdyn_ocsession) table/entity reference";
    let cases = [
        // The H1's `(Microsoft …)` suffix first.
        (
            format!("---\ntitle: X (Microsoft Other)\n---\n{h1} (Microsoft Dynamics 365 Sales)\n"),
            Some("Microsoft Dynamics 365 Sales"),
        ),
        // Then the title's, before ` | Microsoft Docs`.
        (
            format!("---\ntitle: \"Session (msdyn_ocsession) table/entity reference (Microsoft Dynamics 365 Customer Service) | Microsoft Docs\"\ndescription: Works with Microsoft Other.\n---\n{h1}\n"),
            Some("Microsoft Dynamics 365 Customer Service"),
        ),
        // Then the description's `… with Microsoft …`.
        (
            format!("---\ndescription: Includes schema information for use with Microsoft Dynamics 365 Field Service.\nms.service: powerapps\n---\n{h1}\n"),
            Some("Microsoft Dynamics 365 Field Service"),
        ),
        // Then the NOTE: `The Microsoft … <Display> (<schema>) table extends`.
        (
            format!("---\nms.service: powerapps\n---\n{h1}\n\n> [!NOTE]\n> The Microsoft Dynamics 365 Sales Session (msdyn_ocsession) table extends the Microsoft Dataverse one.\n"),
            Some("Microsoft Dynamics 365 Sales"),
        ),
        // Then the docs site: `ms.service`, and `ms.prod: d365ce-op` (2019 on-premises).
        (
            format!("---\nms.service: powerapps\n---\n{h1}\n"),
            Some("Microsoft Dataverse"),
        ),
        (
            format!("---\nms.service: crm-online\n---\n{h1}\n"),
            Some("Microsoft Dynamics 365"),
        ),
        (
            format!("---\nms.prod: d365ce-op\n---\n{h1}\n"),
            Some("Microsoft Dynamics 365"),
        ),
        (format!("---\nms.service: other\n---\n{h1}\n"), None),
        // With no H1, no product.
        (
            "---\nms.service: powerapps\n---\n## Properties\n".to_string(),
            None,
        ),
    ];
    for (text, want) in cases {
        let product = with_hints(&text, |h| h.product.clone());
        assert_eq!(product.as_deref(), want, "{text}");
    }
}

#[test]
fn page_hints_name_the_table_and_the_page() {
    let file = SourceFile::new(
        "t.md",
        "---\nms.date: 07/24/2024\n---\n# Old Thing (Deprecated) (sample_old) table/entity reference\n\n[!INCLUDE [x](x.md)]\n\nThe *old* thing.\n\n> [!NOTE]\n> The Microsoft Dynamics 365 Sales Old Thing (sample_old) table extends the base one.\n",
    );
    let (p, _) = page(&file);
    let h = &p.hints;
    let h1 = h.h1.as_ref().expect("an H1");
    assert_eq!(
        h1.text,
        "Old Thing (Deprecated) (sample_old) table/entity reference"
    );
    assert_eq!(h1.at, 28);
    assert_eq!(
        h1.name,
        Some(TableName {
            display: Some("Old Thing (Deprecated)"),
            schema: "sample_old"
        })
    );
    assert_eq!(h1.deprecation, Some("(Deprecated)"));
    assert_eq!(h.description.as_deref(), Some("The old thing."));
    assert!(h.extends_note);
    let date = h.date.as_ref().expect("a date line");
    assert_eq!((date.written.as_str(), date.at), ("07/24/2024", 4));
    assert_eq!(
        date.date,
        Some(PageDate {
            year: 2024,
            month: 7,
            day: 24
        })
    );

    // An `**Added by**` note is no description; an unreadable H1 still gives its text.
    let text = "---\nms.date: soon\n---\n# Some widgets\n\n**Added by**: Some Solution\n\nText.\n";
    with_hints(text, |h| {
        assert_eq!(h.description, None);
        assert!(!h.extends_note);
        let h1 = h.h1.as_ref().expect("an H1");
        assert_eq!(
            (h1.text, h1.name, h1.deprecation),
            ("Some widgets", None, None)
        );
        let date = h.date.as_ref().expect("a date line");
        assert_eq!((date.written.as_str(), date.date), ("soon", None));
    });
    with_hints("## Properties\n", |h| {
        assert!(h.h1.is_none() && h.date.is_none() && h.description.is_none());
    });
}

#[test]
fn relationship_items_link_their_other_table() {
    let text = "# T (t) table/entity reference\n\n## Many-To-One Relationships\n\n### <a name=\"x\"></a> a_b\n\nSame as other entity [a_b](Other.md#BKMK_a_b) Many-To-One relationship.\n\n### c_d\n\nThe [c](c.md) link is no sentence of the form.\n";
    let f = SourceFile::new("t.md", text);
    let (p, _) = page(&f);
    let linked: Vec<_> = p.sections[0]
        .items
        .iter()
        .map(|i| i.linked_table.as_deref())
        .collect();
    assert_eq!(linked, [Some("other"), None]);
}
