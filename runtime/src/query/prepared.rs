//! What every single-row request and write renders to before it is placed: alone as an
//! [`http::Request`] against the Web API root, or as a part of a `$batch`. Also the error of
//! both, [`WriteError`].

use super::key::{ContentId, Target};
use super::request::check_base;
use super::{QueryError, MAX_URL_LENGTH};
use crate::body::BodyError;
use http::header::ACCEPT;
use http::Method;

/// A write, a single-row retrieve or a `$batch` that cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The `$select`/`$expand` part, the base URL or a next link (see [`QueryError`]).
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The body cannot be written (a lookup set to a target the docs do not describe).
    #[error("the body cannot be written: {0}")]
    Body(#[from] BodyError),
    /// `If-Match`/`If-None-Match` with a record's etag, but the record has none.
    #[error("`{header}` needs the row's etag, and the record has none (`@odata.etag` comes with every row the Web API returns: read the row first)")]
    NoEtag {
        /// `If-Match` or `If-None-Match`.
        header: &'static str,
    },
    /// A row addressed by `Content-ID` (`$1`) in a request sent on its own.
    #[error("`{reference}` names a row created in a `$batch` change set: only a request in the same change set can use it")]
    CreatedOutsideChangeSet {
        /// `$1`.
        reference: String,
    },
    /// A `$1` reference to no request before it in the same change set ("Content-ID
    /// Reference: '$1' does not exist in the batch context").
    #[error("`{reference}` is not the `Content-ID` of a request before it in the same change set")]
    UnknownContentId {
        /// `$1`.
        reference: String,
    },
    /// More requests than a `$batch` takes.
    #[error("the batch has {count} requests: Dataverse accepts at most 1,000")]
    TooManyRequests {
        /// How many the batch has.
        count: usize,
    },
    /// A batch id that cannot be a MIME boundary.
    #[error("batch id `{id}`: {reason}")]
    BatchId {
        /// The id as given.
        id: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A request of the batch holds the batch's boundary (`--batch_<id>`), which would end
    /// its part early.
    #[error("a request of the batch holds its boundary `{boundary}`: give the batch another id")]
    BoundaryInRequest {
        /// The boundary.
        boundary: String,
    },
    /// The `http` crate refused the request (a header value, say).
    #[error("the request cannot be built: {0}")]
    Http(String),
}

/// The body of a prepared request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Payload {
    None,
    /// JSON text.
    Json(String),
    /// `{"@odata.id": "<root><path>"}` (or `"$1"`), completed when the root is known.
    Reference(Target),
}

/// A request rendered but not placed: what an [`Operation`] gives. Opaque: render it with
/// [`Operation::to_request`] or put the operation in a [`Batch`](super::Batch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    pub(crate) method: Method,
    pub(crate) target: Target,
    /// The request's own headers (`Content-Type`, `Prefer`, `If-Match`, ...).
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) payload: Payload,
}

impl Prepared {
    pub(crate) fn new(method: Method, target: Target, payload: Payload) -> Self {
        let mut headers = Vec::new();
        if payload != Payload::None {
            headers.push(("Content-Type", "application/json".to_string()));
        }
        Prepared {
            method,
            target,
            headers,
            payload,
        }
    }

    pub(crate) fn header(mut self, name: &'static str, value: Option<String>) -> Self {
        if let Some(value) = value {
            self.headers.push((name, value));
        }
        self
    }

    /// Sets a header, replacing one of the same name.
    pub(crate) fn set_header(mut self, name: &'static str, value: String) -> Self {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name, value));
        self
    }

    /// The body, with `base` (the Web API root) completing a reference.
    pub(crate) fn body(&self, base: &str) -> Vec<u8> {
        match &self.payload {
            Payload::None => Vec::new(),
            Payload::Json(json) => json.clone().into_bytes(),
            Payload::Reference(target) => {
                let id = match target {
                    Target::Path(path) => format!("{base}{path}"),
                    Target::Created(c, suffix) => format!("{c}{suffix}"),
                    Target::Refused(_) => String::new(),
                };
                serde_json::json!({ "@odata.id": id })
                    .to_string()
                    .into_bytes()
            }
        }
    }
}

/// A request as a value: a create, update, upsert, delete, association, single-row retrieve or
/// query. Render it with [`to_request`](Operation::to_request), or put it in a
/// [`Batch`](super::Batch).
pub trait Operation {
    /// The request before it is placed; an error when it cannot be built.
    fn prepare(&self) -> Result<Prepared, WriteError>;

    /// The request against the Web API root `base_url`
    /// (`https://org.crm.dynamics.com/api/data/v9.2/`, ending with `/`), with
    /// `Accept: application/json`, `OData-MaxVersion: 4.0`, `OData-Version: 4.0`, the
    /// request's own headers, and `If-None-Match: null` unless it has its own `If-None-Match`
    /// (Microsoft: "This header should be used in all requests with a value of `null`", so that
    /// no cache answers).
    fn to_request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, WriteError> {
        check_base(base_url)?;
        let prepared = self.prepare()?;
        let path = match &prepared.target {
            Target::Path(path) => path,
            Target::Created(c, _) => {
                return Err(WriteError::CreatedOutsideChangeSet {
                    reference: c.reference(),
                })
            }
            Target::Refused(e) => return Err(e.clone().into()),
        };
        let url = format!("{base_url}{path}");
        if url.len() > MAX_URL_LENGTH {
            return Err(QueryError::UrlTooLong { length: url.len() }.into());
        }
        let mut request = http::Request::builder()
            .method(prepared.method.clone())
            .uri(url)
            .header(ACCEPT, "application/json")
            .header("OData-MaxVersion", "4.0")
            .header("OData-Version", "4.0");
        for (name, value) in &prepared.headers {
            request = request.header(*name, value);
        }
        if !prepared
            .headers
            .iter()
            .any(|(name, _)| *name == "If-None-Match")
        {
            request = request.header("If-None-Match", "null");
        }
        request
            .body(prepared.body(base_url))
            .map_err(|e| WriteError::Http(e.to_string()))
    }
}

/// A request that changes data, which a `$batch` change set takes. A `GET` (a query or a
/// single-row retrieve) is not one: "`GET` requests are not allowed within change sets".
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not change data: it cannot go in a change set",
    label = "only creates, updates, upserts, deletes and associations go in a change set",
    note = "put a GET in the batch itself with `Batch::request`"
)]
pub trait Change: Operation {}

/// The `Content-ID`s a JSON body refers to (`"x@odata.bind": "$1"`, `"@odata.id": "$2"`).
pub(crate) fn references(payload: &Payload) -> Vec<ContentId> {
    fn walk(value: &serde_json::Value, out: &mut Vec<ContentId>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    if key.ends_with("@odata.bind") || key == "@odata.id" {
                        let texts = match value {
                            serde_json::Value::Array(items) => items.iter().collect(),
                            one => vec![one],
                        };
                        for text in texts.into_iter().filter_map(|v| v.as_str()) {
                            if let Some(id) = created(text) {
                                out.push(id);
                            }
                        }
                    }
                    walk(value, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    match payload {
        Payload::Json(json) => {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(json) {
                walk(&value, &mut out);
            }
        }
        Payload::Reference(Target::Created(c, _)) => out.push(*c),
        _ => {}
    }
    out
}

/// `$1` (or `$1/...`) as a `Content-ID`.
fn created(text: &str) -> Option<ContentId> {
    let rest = text.strip_prefix('$')?;
    let digits = rest.split('/').next().unwrap_or_default();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().map(ContentId)
}

/// The etag of `If-Match`/`If-None-Match`: a record's `etag` field (`&record.etag`), or the
/// text of one (`W/"470867"`).
pub trait IntoEtag {
    /// The etag, `None` when the record has none.
    fn into_etag(self) -> Option<String>;
}

impl IntoEtag for &str {
    fn into_etag(self) -> Option<String> {
        Some(self.to_string())
    }
}

impl IntoEtag for String {
    fn into_etag(self) -> Option<String> {
        Some(self)
    }
}

impl IntoEtag for &String {
    fn into_etag(self) -> Option<String> {
        Some(self.clone())
    }
}

impl IntoEtag for &Option<String> {
    fn into_etag(self) -> Option<String> {
        self.clone()
    }
}

impl IntoEtag for Option<&str> {
    fn into_etag(self) -> Option<String> {
        self.map(str::to_string)
    }
}

/// A condition of a write or retrieve.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) enum Condition {
    #[default]
    None,
    /// `If-Match: <etag>` (`*`: the row exists).
    IfMatch(Option<String>),
    /// `If-None-Match: <etag>` (`*`: the row does not exist).
    IfNoneMatch(Option<String>),
}

impl Condition {
    pub(crate) fn apply(&self, prepared: Prepared) -> Result<Prepared, WriteError> {
        let (header, etag) = match self {
            Condition::None => return Ok(prepared),
            Condition::IfMatch(etag) => ("If-Match", etag),
            Condition::IfNoneMatch(etag) => ("If-None-Match", etag),
        };
        match etag {
            Some(etag) => Ok(prepared.header(header, Some(etag.clone()))),
            None => Err(WriteError::NoEtag { header }),
        }
    }
}

/// A rendered request as text, for logs and snapshot tests: the method and the URL (relative to
/// `base_url` when under it), the headers but the ones every request carries (`Accept`,
/// `OData-MaxVersion`, `OData-Version`, `If-None-Match: null`), and the body as sent (a
/// multipart body's CRLF shown as line ends).
///
/// ```
/// use dataverse_runtime::query::describe;
/// let request = dataverse_runtime::http::Request::post("https://org.crm.dynamics.com/api/data/v9.2/accounts")
///     .header("Accept", "application/json")
///     .header("Content-Type", "application/json")
///     .body(br#"{"name":"Contoso"}"#.to_vec())
///     .unwrap();
/// assert_eq!(
///     describe(&request, "https://org.crm.dynamics.com/api/data/v9.2/"),
///     "POST accounts\ncontent-type: application/json\n\n{\"name\":\"Contoso\"}\n"
/// );
/// ```
pub fn describe(request: &http::Request<Vec<u8>>, base_url: &str) -> String {
    use std::fmt::Write;
    let url = request.uri().to_string();
    let path = url.strip_prefix(base_url).unwrap_or(&url);
    let mut out = format!("{} {path}\n", request.method());
    for (name, value) in request.headers() {
        let usual = [ACCEPT.as_str(), "odata-maxversion", "odata-version"];
        if usual.contains(&name.as_str()) || (name == "if-none-match" && value == "null") {
            continue;
        }
        let value = String::from_utf8_lossy(value.as_bytes());
        let _ = writeln!(out, "{name}: {value}");
    }
    let body = request.body();
    if !body.is_empty() {
        let text = String::from_utf8_lossy(body).replace("\r\n", "\n");
        let _ = writeln!(out, "\n{text}");
    }
    out
}
