//! The runtime through a hand-written table, as the generated code drives it.

use super::*;

/// A table as the generator would write it: a text column, an open lookup, a raw column.
#[derive(Debug, Clone, PartialEq, Default)]
struct Probe {
    etag: Option<String>,
    name: Option<String>,
    target: Option<EntityReference>,
    blob: Option<Json>,
    extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ProbeBody(Body);

impl From<ProbeBody> for Body {
    fn from(b: ProbeBody) -> Body {
        b.0
    }
}

impl Table for Probe {
    const LOGICAL_NAME: &'static str = "probe";
    const ENTITY_SET_NAME: &'static str = "probes";
    const ENTITY_SET_NAME_ASSUMED: bool = true;
    const PRIMARY_ID_ATTRIBUTE: Option<&'static str> = None;
    const PRIMARY_NAME_ATTRIBUTE: Option<&'static str> = None;
    const EXTENSION_ONLY: bool = false;
    type Create = ProbeBody;
    type Update = ProbeBody;

    fn read(r: &mut Reader) -> Result<Self, ReadError> {
        Ok(Probe {
            etag: r.get("@odata.etag")?,
            name: r.get("name")?,
            target: r.lookup("target")?,
            blob: r.get("blob")?,
            extra: r.finish(),
        })
    }

    fn write<'a>(&'a self, w: &mut Writer<'a>) {
        w.extra(&self.extra);
        w.put("@odata.etag", &self.etag);
        w.put("name", &self.name);
        w.lookup("target", &self.target);
        w.put("blob", &self.blob);
    }
}

impl<'de> serde::Deserialize<'de> for Probe {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        record::deserialize(d)
    }
}

impl serde::Serialize for Probe {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        record::serialize(self, s)
    }
}

fn id() -> Uuid {
    Uuid::parse_str("00000000-0000-4000-8000-000000000001").expect("uuid")
}

#[test]
fn an_open_lookup_and_a_raw_column_round_trip() {
    let text = r#"{"name":"x","_target_value":"00000000-0000-4000-8000-000000000001","_target_value@Microsoft.Dynamics.CRM.lookuplogicalname":"account","blob":{"a": [1.50, "b"]},"other":null}"#;
    let p: Probe = from_str(text).expect("reads");
    assert_eq!(
        p.target,
        Some(EntityReference::from_parts(Some("account"), id()))
    );
    assert_eq!(
        p.blob.as_ref().map(Json::get),
        Some(r#"{"a": [1.50, "b"]}"#)
    );
    let back = serde_json::to_string(&p).expect("writes");
    let (a, b): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&back).expect("JSON"),
        serde_json::from_str(text).expect("JSON"),
    );
    assert_eq!(a, b);
    assert!(
        back.contains(r#"{"a": [1.50, "b"]}"#),
        "raw JSON kept exactly: {back}"
    );
    // Built by hand: an open lookup writes its table, so it reads back the same.
    let built = Probe {
        target: Some(EntityReference::from_parts(Some("contact"), id())),
        ..Probe::default()
    };
    let text = serde_json::to_string(&built).expect("writes");
    assert!(text.contains(r#""_target_value@Microsoft.Dynamics.CRM.lookuplogicalname":"contact""#));
    let again: Probe = from_str(&text).expect("reads");
    assert_eq!(again.target, built.target);
}

#[test]
fn errors_say_where_and_what() {
    let err = from_str::<Page<Probe>>(r#"{"value":[{}, {"name": 5}]}"#).expect_err("wrong shape");
    assert_eq!(err.path, "value[1]");
    let text = err.to_string();
    assert!(
        text.starts_with("at value[1]: probe.name: expected a string, found 5"),
        "{text}"
    );
    let source = std::error::Error::source(&err).map(ToString::to_string);
    assert_eq!(source, Some(err.inner.to_string()));
    let err = from_str::<Probe>("[1]").expect_err("not an object");
    assert!(err.to_string().contains("a row (a JSON object)"), "{err}");
    let err = from_str::<Page<Probe>>("[]").expect_err("not a collection");
    assert!(
        err.to_string()
            .contains("a collection (a JSON object with `value`)"),
        "{err}"
    );
    let err = from_str::<Page<Probe>>("{}").expect_err("no rows");
    assert!(err.to_string().contains("missing field `value`"), "{err}");
    let err = from_str::<Probe>(r#"{"name":"x"} x"#).expect_err("trailing input");
    assert_eq!(err.path, ".");
}

#[test]
fn a_body_reports_what_cannot_be_written() {
    let mut body = Body::default();
    body.put("name", Some("x".to_string()));
    assert_eq!(body.to_json().as_deref(), Ok(r#"{"name":"x"}"#));
    body.error("blob: key must be a string");
    let err = body.to_json().expect_err("an error was recorded");
    assert_eq!(err.to_string(), "blob: key must be a string");
    // Errors of a row created inside the body (deep insert) are the body's errors too.
    let mut outer = Body::default();
    outer.insert_one::<Probe, Probe>(One::new("target", "probes"), ProbeBody(body));
    assert!(outer.to_json().is_err());
}

#[test]
fn a_reference_names_the_row_by_entity_set() {
    let body = reference::<Probe>("https://org.example/api/data/v9.2/", id());
    assert_eq!(
        body,
        r#"{"@odata.id":"https://org.example/api/data/v9.2/probes(00000000-0000-4000-8000-000000000001)"}"#
    );
}
