//! An async executor for the request values (feature `reqwest`): [`Client`] sends an
//! [`http::Request`] built by [`query`](mod@crate::query) with a bearer token from your
//! [`TokenProvider`], honours Dataverse's service protection limits (`429 Too Many Requests`
//! with `Retry-After`) and transient `502`/`503`/`504` with bounded retries, and follows
//! `@odata.nextLink` ([`Pages`]): as a [`Stream`](futures_core::Stream) of rows across pages
//! ([`Pages::rows`]) or of pages ([`Pages::into_stream`]), or page by page
//! ([`Pages::next_page`]). A page is requested when the stream is polled for it, never ahead;
//! the stream ends after the last page, or after the first error, which it yields.
//!
//! The feature enables no TLS backend: Dataverse is reached over `https`, so enable one on your
//! own `reqwest` dependency (`reqwest = { version = "0.12", features = ["rustls-tls"] }`);
//! cargo unifies the features.
//!
//! ```no_run
//! # use dataverse_runtime::{ReadError, Reader, Table, Writer};
//! # #[derive(Debug, serde::Deserialize)] pub struct Account { name: String }
//! # impl Table for Account {
//! #     const LOGICAL_NAME: &'static str = "account";
//! #     const ENTITY_SET_NAME: &'static str = "accounts";
//! #     fn read(_: &mut Reader) -> Result<Self, ReadError> { unimplemented!() }
//! #     fn write<'a>(&'a self, _: &mut Writer<'a>) {}
//! # }
//! # async fn fetch_token() -> Result<String, std::io::Error> { Ok(String::new()) }
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use dataverse_runtime::client::Client;
//! use dataverse_runtime::query;
//! use futures_util::TryStreamExt; // or `futures::TryStreamExt`: `try_next`, `try_collect`, ...
//!
//! let client = Client::new(reqwest::Client::new(), fetch_token);
//! let first = query::<Account>()
//!     .page_size(500)
//!     .to_request("https://org.crm.dynamics.com/api/data/v9.2/")?;
//! let mut accounts = client.pages::<Account>(first).rows();
//! while let Some(account) = accounts.try_next().await? {
//!     println!("{}", account.name);
//! }
//! # Ok(())
//! # }
//! ```

mod error;
mod pages;

pub use error::ClientError;
pub use pages::Pages;

use http::header::{AUTHORIZATION, RETRY_AFTER};
use http::{HeaderMap, HeaderValue, StatusCode};
use serde::de::DeserializeOwned;
use std::future::Future;
use std::time::Duration;

/// Any error, as a token provider returns it.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A source of bearer tokens (`Authorization: Bearer <token>`), asked before every attempt of
/// every request: cache and refresh tokens in it. Any `Fn() -> impl Future<Output =
/// Result<String, E>>` is one; [`StaticToken`] is a fixed one.
pub trait TokenProvider: Send + Sync {
    /// The access token for the Dataverse environment.
    fn token(&self) -> impl Future<Output = Result<String, BoxError>> + Send;
}

impl<F, Fut, E> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<String, E>> + Send,
    E: Into<BoxError>,
{
    fn token(&self) -> impl Future<Output = Result<String, BoxError>> + Send {
        let token = self();
        async move { token.await.map_err(Into::into) }
    }
}

/// A token that never changes (tests, short scripts).
#[derive(Clone)]
pub struct StaticToken(pub String);

impl std::fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> impl Future<Output = Result<String, BoxError>> + Send {
        std::future::ready(Ok(self.0.clone()))
    }
}

/// Sends request values with a bearer token, retrying what Dataverse asks to be retried.
///
/// Defaults: 3 retries; a `429` waits its `Retry-After` (seconds), a `502`/`503`/`504` (not
/// after a `POST`: it may have been carried out) its `Retry-After` or 1 s doubled on each retry; no wait longer than 5 minutes (Dataverse's
/// service protection window). Change them with [`max_retries`](Client::max_retries),
/// [`backoff`](Client::backoff) and [`max_wait`](Client::max_wait).
#[derive(Debug, Clone)]
pub struct Client<T> {
    http: reqwest::Client,
    token: T,
    max_retries: u32,
    backoff: Duration,
    max_wait: Duration,
}

impl<T: TokenProvider> Client<T> {
    /// A client sending through `http` with tokens from `token`.
    pub fn new(http: reqwest::Client, token: T) -> Self {
        Client {
            http,
            token,
            max_retries: 3,
            backoff: Duration::from_secs(1),
            max_wait: Duration::from_secs(300),
        }
    }

    /// At most `retries` retries of one request (`0`: send once).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The wait before the first retry of a `5xx` without `Retry-After`, doubled on each retry.
    pub fn backoff(mut self, first: Duration) -> Self {
        self.backoff = first;
        self
    }

    /// The longest wait before a retry, whatever `Retry-After` says.
    pub fn max_wait(mut self, cap: Duration) -> Self {
        self.max_wait = cap;
        self
    }

    /// Sends `request` with `Authorization: Bearer <token>`, retrying `429` and transient
    /// `5xx` responses; any other `4xx`/`5xx` (or the last retry's) is a
    /// [`ClientError::Status`].
    pub async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, ClientError> {
        self.execute(&request).await
    }

    /// The pages of a collection from its first request, following `@odata.nextLink` with
    /// [`Page::next_request`](crate::Page::next_request).
    pub fn pages<R: DeserializeOwned>(&self, first: http::Request<Vec<u8>>) -> Pages<'_, T, R> {
        Pages::new(self, first)
    }

    async fn execute(
        &self,
        request: &http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, ClientError> {
        let mut retries = 0;
        loop {
            let token = self.token.token().await.map_err(ClientError::Token)?;
            let mut bearer = HeaderValue::try_from(format!("Bearer {token}"))
                .map_err(|e| ClientError::Token(e.into()))?;
            bearer.set_sensitive(true);
            let mut attempt = http::Request::new(request.body().clone());
            *attempt.method_mut() = request.method().clone();
            *attempt.uri_mut() = request.uri().clone();
            *attempt.headers_mut() = request.headers().clone();
            attempt.headers_mut().insert(AUTHORIZATION, bearer);
            let response = self.http.execute(attempt.try_into()?).await?;
            let status = response.status();
            let headers = response.headers().clone();
            let body = response.bytes().await?.to_vec();
            let post = request.method() == http::Method::POST;
            if let Some(wait) = self.wait(status, &headers, retries, post) {
                retries += 1;
                tokio::time::sleep(wait).await;
                continue;
            }
            let mut out = http::Response::new(body);
            *out.status_mut() = status;
            *out.headers_mut() = headers;
            if status.is_client_error() || status.is_server_error() {
                return Err(ClientError::from_response(out));
            }
            return Ok(out);
        }
    }

    /// How long to wait before retrying a response with `status` after `retries` retries, or
    /// `None`: not retried. A `429` was not processed, so any request is retried; a gateway
    /// error after a `POST` (a create, a `$batch`) may come after the server did the work, so
    /// it is not retried (the row could be created twice).
    fn wait(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        retries: u32,
        post: bool,
    ) -> Option<Duration> {
        if retries >= self.max_retries {
            return None;
        }
        let retry_after = headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let backoff = self.backoff.saturating_mul(1 << retries.min(16));
        let wait = match status {
            StatusCode::TOO_MANY_REQUESTS => retry_after.unwrap_or(backoff),
            StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT
                if !post =>
            {
                retry_after.unwrap_or(backoff)
            }
            _ => return None,
        };
        Some(wait.min(self.max_wait))
    }
}
