//! [`ClientError`]: what a request through a [`Client`](super::Client) can fail with.

use super::BoxError;
use crate::query::QueryError;
use http::{HeaderMap, StatusCode};

/// What a request through a [`Client`](super::Client) can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// The [`TokenProvider`](super::TokenProvider) failed, or gave a token that is not a header value.
    #[error("no access token: {0}")]
    Token(#[source] BoxError),
    /// The request could not be sent, or its response not received.
    #[error("the request failed: {0}")]
    Http(#[from] reqwest::Error),
    /// A `4xx` or `5xx` response that is not retried (or still failing after the last retry),
    /// with the Dataverse error body `{"error":{"code":...,"message":...}}` when there is one.
    #[error("{status}{}", describe(code.as_deref(), message.as_deref(), body))]
    Status {
        /// `412 Precondition Failed`, `400 Bad Request`, ...
        status: StatusCode,
        /// `error.code` (`0x80060882`, ...).
        code: Option<String>,
        /// `error.message`.
        message: Option<String>,
        /// The response's headers.
        headers: HeaderMap,
        /// The response body as it came.
        body: Vec<u8>,
    },
    /// A page that does not read.
    #[error("the response does not read: {0}")]
    Read(#[from] crate::Error),
    /// A next page that cannot be requested (a `@odata.nextLink` to another host, ...).
    #[error(transparent)]
    Query(#[from] QueryError),
}

impl ClientError {
    /// The status of a [`Status`](ClientError::Status) error.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            ClientError::Status { status, .. } => Some(*status),
            ClientError::Http(e) => e.status(),
            _ => None,
        }
    }

    /// The Dataverse error message of a [`Status`](ClientError::Status) error.
    pub fn message(&self) -> Option<&str> {
        match self {
            ClientError::Status { message, .. } => message.as_deref(),
            _ => None,
        }
    }

    pub(super) fn from_response(response: http::Response<Vec<u8>>) -> Self {
        #[derive(serde::Deserialize)]
        struct Body {
            error: Inner,
        }
        #[derive(serde::Deserialize)]
        struct Inner {
            code: Option<String>,
            message: Option<String>,
        }
        let (parts, body) = response.into_parts();
        let (code, message) = match serde_json::from_slice::<Body>(&body) {
            Ok(b) => (b.error.code, b.error.message),
            Err(_) => (None, None),
        };
        ClientError::Status {
            status: parts.status,
            code,
            message,
            headers: parts.headers,
            body,
        }
    }
}

fn describe(code: Option<&str>, message: Option<&str>, body: &[u8]) -> String {
    match (code, message) {
        (Some(code), Some(message)) => format!(": {code}: {message}"),
        (None, Some(message)) => format!(": {message}"),
        _ if body.is_empty() => String::new(),
        _ => {
            let text = String::from_utf8_lossy(body);
            let text: String = text.chars().take(200).collect();
            format!(": {}", text.trim())
        }
    }
}
