//! What the Web API makes of the model: which columns are properties and under what name,
//! how a Date and Time column travels, which body may set a column. Facts about the wire, kept
//! apart from how the emitter spells them in Rust.

use crate::model::{Column, ColumnType, DateTimeBehavior, Table};

/// How a Date and Time column travels, by its *behaviour* (Microsoft Learn, "Behavior and
/// format of the Date and Time column"). The *format* (DateOnly, DateAndTime) only says how
/// apps display it: a User local column with the DateOnly format is still a UTC date-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// User local (and no behaviour stated, the default): UTC, `2024-01-31T08:30:00Z`.
    Utc,
    /// Date only: `2024-01-31`.
    DateOnly,
    /// Time zone independent: the wall-clock date-time as entered, with a meaningless `Z`.
    TimeZoneIndependent,
}

pub fn date_kind(c: &Column) -> DateKind {
    date_kind_of(c.datetime_behavior.as_ref())
}

/// [`date_kind`] of a stated `DateTimeBehavior` (or none). A behaviour the docs do not list
/// travels as the default does.
pub fn date_kind_of(behavior: Option<&DateTimeBehavior>) -> DateKind {
    match behavior {
        Some(DateTimeBehavior::DateOnly) => DateKind::DateOnly,
        Some(DateTimeBehavior::TimeZoneIndependent) => DateKind::TimeZoneIndependent,
        Some(DateTimeBehavior::UserLocal | DateTimeBehavior::Other(_)) | None => DateKind::Utc,
    }
}

/// The Web API property of a column (`_primarycontactid_value` for a lookup), or `None` for a
/// column the Web API does not expose as a property: PartyList columns (their parties are rows
/// of the activity-parties collection), Virtual columns, columns not valid for read, and the
/// name companions of lookups (`primarycontactidname`, `owneridyominame`, `owneridtype`:
/// the Web API sends a lookup's row name as the formatted value of `_x_value` instead).
pub fn property(t: &Table, c: &Column) -> Option<String> {
    if c.valid_for_read == Some(false)
        || matches!(c.ty, Some(ColumnType::PartyList | ColumnType::Virtual))
        || is_lookup_companion(t, c)
    {
        return None;
    }
    Some(if c.is_lookup() {
        format!("_{}_value", c.logical_name)
    } else {
        c.logical_name.clone()
    })
}

/// The columns the SDK keeps beside a lookup of the same table: `<lookup>type` (EntityName:
/// the docs list it as writable, but the Web API has no such property and binds instead) and
/// the read-only text columns `<lookup>name` and `<lookup>yominame`.
pub fn is_lookup_companion(t: &Table, c: &Column) -> bool {
    if c.is_lookup() || c.is_choice() {
        return false;
    }
    let name = c.logical_name.as_str();
    let of = |suffix: &str| {
        name.strip_suffix(suffix)
            .and_then(|base| t.columns.get(base))
            .is_some_and(Column::is_lookup)
    };
    match c.ty {
        Some(ColumnType::EntityName) => of("type"),
        Some(ColumnType::String) | None if c.writable != Some(true) => of("name") || of("yominame"),
        _ => false,
    }
}

/// Which bodies may set a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writable {
    Both,
    CreateOnly,
    UpdateOnly,
    Neither,
}

pub fn writable(t: &Table, c: &Column) -> Writable {
    if c.writable == Some(false) || is_lookup_companion(t, c) {
        return Writable::Neither;
    }
    match (c.valid_for_create, c.valid_for_update) {
        (Some(false), Some(false)) => Writable::Neither,
        (Some(false), _) => Writable::UpdateOnly,
        (_, Some(false)) => Writable::CreateOnly,
        _ => Writable::Both,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateTimeFormat, Format};

    fn column(name: &str, ty: Option<ColumnType>) -> Column {
        Column {
            logical_name: name.to_string(),
            ty,
            ..Column::default()
        }
    }

    fn table(columns: Vec<Column>) -> Table {
        Table {
            logical_name: "account".into(),
            columns: columns
                .into_iter()
                .map(|c| (c.logical_name.clone(), c))
                .collect(),
            ..Table::default()
        }
    }

    #[test]
    fn properties_are_web_api_names() {
        let mut lookup = column("primarycontactid", Some(ColumnType::Lookup));
        lookup.add_target("contact", []);
        let t = table(vec![
            lookup,
            column("primarycontactidname", Some(ColumnType::String)),
            column("primarycontactidyominame", Some(ColumnType::String)),
            column("primarycontactidtype", Some(ColumnType::EntityName)),
            column("name", Some(ColumnType::String)),
            column("to", Some(ColumnType::PartyList)),
            column("statecodename", Some(ColumnType::Virtual)),
            column("nametype", Some(ColumnType::String)),
        ]);
        let got: Vec<(&str, Option<String>)> = t
            .columns
            .values()
            .map(|c| (c.logical_name.as_str(), property(&t, c)))
            .collect();
        let want = [
            ("name", Some("name")),
            ("nametype", Some("nametype")),
            ("primarycontactid", Some("_primarycontactid_value")),
            ("primarycontactidname", None),
            ("primarycontactidtype", None),
            ("primarycontactidyominame", None),
            ("statecodename", None),
            ("to", None),
        ];
        let want: Vec<(&str, Option<String>)> = want
            .iter()
            .map(|(c, p)| (*c, p.map(str::to_string)))
            .collect();
        assert_eq!(got, want);
        let mut unread = column("secret", Some(ColumnType::String));
        unread.valid_for_read = Some(false);
        assert_eq!(property(&t, &unread), None);
        let mut choice = column("primarycontactidname", None);
        choice.options.insert(1, Default::default());
        assert!(!is_lookup_companion(&t, &choice), "a choice is real");
        let mut written = column("primarycontactidname", Some(ColumnType::String));
        written.writable = Some(true);
        assert!(
            !is_lookup_companion(&t, &written),
            "a writable column is real"
        );
    }

    #[test]
    fn dates_go_by_behaviour_not_format() {
        let mut c = column("d", Some(ColumnType::DateTime));
        c.format = Some(Format::DateTime(DateTimeFormat::DateOnly));
        assert_eq!(date_kind(&c), DateKind::Utc, "UserLocal by default");
        let cases = [
            ("UserLocal", DateKind::Utc),
            ("DateOnly", DateKind::DateOnly),
            ("dateonly", DateKind::DateOnly),
            ("TimeZoneIndependent", DateKind::TimeZoneIndependent),
            ("Frob", DateKind::Utc),
        ];
        for (word, kind) in cases {
            c.datetime_behavior = Some(DateTimeBehavior::parse(word));
            assert_eq!(date_kind(&c), kind, "{word}");
        }
    }

    #[test]
    fn writability_picks_the_bodies() {
        let mut lookup = column("ownerid", Some(ColumnType::Owner));
        lookup.add_target("team", []);
        let mut kind = column("owneridtype", Some(ColumnType::EntityName));
        kind.writable = Some(true);
        let t = table(vec![lookup, kind.clone()]);
        assert_eq!(
            writable(&t, &kind),
            Writable::Neither,
            "a companion binds instead"
        );
        let mut c = column("c", Some(ColumnType::String));
        assert_eq!(writable(&t, &c), Writable::Both);
        c.valid_for_update = Some(false);
        assert_eq!(writable(&t, &c), Writable::CreateOnly);
        c.valid_for_create = Some(false);
        assert_eq!(writable(&t, &c), Writable::Neither);
        c.valid_for_update = Some(true);
        assert_eq!(writable(&t, &c), Writable::UpdateOnly);
        c.writable = Some(false);
        assert_eq!(writable(&t, &c), Writable::Neither);
    }
}
