//! A `$batch` response split back into one response per request: status, headers and body
//! bytes, change sets grouped. The input is untrusted: any bytes give a value or a
//! [`BatchError`], never a panic.

use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

/// A `$batch` response that cannot be split.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// No `boundary` in the response's `Content-Type`, and the body does not start with one.
    #[error("the batch response has no multipart boundary (`Content-Type: multipart/mixed; boundary=...`)")]
    NoBoundary,
    /// The body does not end with the closing delimiter `--<boundary>--`.
    #[error("the batch response does not end with `--{boundary}--`: it is cut short")]
    Unterminated {
        /// The boundary.
        boundary: String,
    },
    /// A part that is not a well-formed response.
    #[error("part {part} of the batch response: {reason}")]
    Part {
        /// `2`, or `3.1` for the first part of the change set that is the third part.
        part: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// The response to one request of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartResponse {
    /// The part's `Content-ID` (requests of a change set).
    pub content_id: Option<String>,
    /// `204 No Content`, `400 Bad Request`, ...
    pub status: StatusCode,
    /// The response's headers (`Location`, `OData-EntityId`, `Content-Type`, ...).
    pub headers: HeaderMap,
    /// The body bytes (a row, a page, `{"error": ...}`), empty when there is none.
    pub body: Vec<u8>,
}

impl PartResponse {
    /// The part as an [`http::Response`], to read like the response of a request sent alone.
    pub fn to_response(&self) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(self.body.clone());
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        response
    }

    /// `OData-EntityId`: the URL of the row a create or upsert wrote.
    pub fn entity_id(&self) -> Option<&str> {
        self.headers
            .get("OData-EntityId")
            .and_then(|v| v.to_str().ok())
    }
}

/// One item of a batch response, in the order of the request's items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchItem {
    /// The response to a request on its own.
    One(PartResponse),
    /// The responses to the requests of a change set.
    ChangeSet(Vec<PartResponse>),
}

/// A `$batch` response split into its items.
///
/// ```
/// use dataverse_runtime::query::{BatchItem, BatchResponse};
///
/// let body = "--batchresponse_1\r\nContent-Type: application/http\r\n\
///             Content-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 204 No Content\r\n\
///             OData-Version: 4.0\r\n\r\n\r\n--batchresponse_1--\r\n";
/// let response = BatchResponse::parse(Some("multipart/mixed; boundary=batchresponse_1"), body.as_bytes())
///     .expect("splits");
/// assert_eq!(response.responses().next().map(|r| r.status.as_u16()), Some(204));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchResponse {
    /// The items, in order.
    pub items: Vec<BatchItem>,
}

impl BatchResponse {
    /// Splits a batch response from its `Content-Type` header (with its `boundary`; without
    /// one, the boundary is taken from the body's first line) and its body.
    pub fn parse(content_type: Option<&str>, body: &[u8]) -> Result<Self, BatchError> {
        let boundary = match content_type.and_then(boundary_of) {
            Some(b) => b,
            None => first_boundary(body).ok_or(BatchError::NoBoundary)?,
        };
        let mut items = Vec::new();
        for (i, part) in split(body, &boundary)?.into_iter().enumerate() {
            let name = (i + 1).to_string();
            let (mime, rest) = header_block(part);
            let content_type = find(&mime, "content-type").unwrap_or_default();
            if content_type
                .to_ascii_lowercase()
                .starts_with("multipart/mixed")
            {
                let inner = boundary_of(content_type).ok_or_else(|| BatchError::Part {
                    part: name.clone(),
                    reason: "a change set without a boundary".to_string(),
                })?;
                let mut responses = Vec::new();
                for (j, part) in split(rest, &inner)?.into_iter().enumerate() {
                    responses.push(response(part, &format!("{name}.{}", j + 1))?);
                }
                items.push(BatchItem::ChangeSet(responses));
            } else {
                items.push(BatchItem::One(response(part, &name)?));
            }
        }
        Ok(BatchResponse { items })
    }

    /// [`parse`](BatchResponse::parse) of an [`http::Response`].
    pub fn from_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self, BatchError> {
        let content_type = response
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        Self::parse(content_type, response.body().as_ref())
    }

    /// Every response, change sets' ones in place, in the order of the requests.
    pub fn responses(&self) -> impl Iterator<Item = &PartResponse> {
        self.items.iter().flat_map(|item| match item {
            BatchItem::One(r) => std::slice::from_ref(r).iter(),
            BatchItem::ChangeSet(rs) => rs.iter(),
        })
    }
}

/// The `boundary` parameter of a `Content-Type`, unquoted.
fn boundary_of(content_type: &str) -> Option<String> {
    content_type.split(';').find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("boundary") {
            return None;
        }
        let value = value.trim().trim_matches('"');
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// The boundary of a body whose first line is `--<boundary>`.
fn first_boundary(body: &[u8]) -> Option<String> {
    let line = lines(body).next()?;
    let boundary = std::str::from_utf8(line.strip_prefix(b"--")?).ok()?.trim();
    (!boundary.is_empty()).then(|| boundary.to_string())
}

/// The lines of `bytes` without their `\n` or `\r\n`.
fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
}

/// The parts between `--<boundary>` lines, up to `--<boundary>--`; each without the line
/// break that belongs to the delimiter after it.
fn split<'a>(body: &'a [u8], boundary: &str) -> Result<Vec<&'a [u8]>, BatchError> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut parts = Vec::new();
    let mut start: Option<usize> = None;
    let mut at = 0;
    while at < body.len() {
        let end = body[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(body.len(), |n| at + n + 1);
        let line = &body[at..end];
        if let Some(rest) = line.strip_prefix(delimiter) {
            let rest = trim_end(rest);
            let close = rest.starts_with(b"--");
            if close || rest.iter().all(|b| *b == b' ' || *b == b'\t') {
                if let Some(s) = start {
                    parts.push(trim_line_break(&body[s..at]));
                }
                if close {
                    return Ok(parts);
                }
                start = Some(end);
            }
        }
        at = end;
    }
    Err(BatchError::Unterminated {
        boundary: boundary.to_string(),
    })
}

fn trim_end(bytes: &[u8]) -> &[u8] {
    let n = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    &bytes[..n]
}

/// `bytes` without one final `\r\n` or `\n`.
fn trim_line_break(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes.strip_suffix(b"\r").unwrap_or(bytes)
}

/// The header lines before the first empty line (lines without a `:` are kept as a name
/// with no value), and the rest.
fn header_block(bytes: &[u8]) -> (Vec<(String, String)>, &[u8]) {
    let mut headers = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let end = bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |n| at + n + 1);
        let line = trim_line_break(&bytes[at..end]);
        at = end;
        if line.is_empty() {
            return (headers, &bytes[at..]);
        }
        let text = String::from_utf8_lossy(line);
        match text.split_once(':') {
            Some((name, value)) => {
                headers.push((name.trim().to_string(), value.trim().to_string()))
            }
            None => headers.push((text.trim().to_string(), String::new())),
        }
    }
    (headers, &[])
}

fn find<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// One `application/http` part: its MIME headers, then an HTTP response.
fn response(part: &[u8], name: &str) -> Result<PartResponse, BatchError> {
    let fail = |reason: String| BatchError::Part {
        part: name.to_string(),
        reason,
    };
    let (mime, http) = header_block(part);
    let content_id = find(&mime, "content-id").map(str::to_string);
    let (status_line, after) = match http.iter().position(|&b| b == b'\n') {
        Some(n) => (trim_line_break(&http[..=n]), &http[n + 1..]),
        None => (http, &[][..]),
    };
    let status_line = String::from_utf8_lossy(status_line);
    let mut words = status_line.split_whitespace();
    let version = words.next().unwrap_or_default();
    if !version.starts_with("HTTP/") {
        return Err(fail(format!(
            "expected a status line like `HTTP/1.1 204 No Content`, found `{}`",
            status_line.chars().take(80).collect::<String>()
        )));
    }
    let code = words.next().unwrap_or_default();
    let status = code
        .parse::<u16>()
        .ok()
        .and_then(|c| StatusCode::from_u16(c).ok())
        .ok_or_else(|| fail(format!("`{code}` is not an HTTP status code")))?;
    let (fields, body) = header_block(after);
    let mut headers = HeaderMap::new();
    for (n, v) in fields {
        let header = HeaderName::from_bytes(n.as_bytes())
            .map_err(|_| fail(format!("`{n}` is not a header name")))?;
        let value = HeaderValue::from_str(&v)
            .map_err(|_| fail(format!("the value of `{n}` is not a header value")))?;
        headers.append(header, value);
    }
    Ok(PartResponse {
        content_id,
        status,
        headers,
        body: body.to_vec(),
    })
}
