//! Rendering a [`Query`] to an [`http::Request`]: the query string, percent-encoded as
//! Microsoft's examples show it, the headers, the limits Dataverse documents, and the request
//! for the next page of a response.

use super::key::Target;
use super::{Expansion, Form, Options, Query};
use crate::page::{Expanded, Page};
use crate::record::{Table, LOOKUP_LOGICAL_NAME};
use http::header::{HeaderValue, ACCEPT, IF_NONE_MATCH};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};

/// At most this many `$expand` in a query, nested ones included ("You can include up to 15
/// `$expand` options in a query", Microsoft Learn, "Join tables using OData").
pub const MAX_EXPANSIONS: usize = 15;

/// The largest `Prefer: odata.maxpagesize` ("You can't request a page size larger than 5,000",
/// Microsoft Learn, "Page results using OData").
pub const MAX_PAGE_SIZE: u32 = 5000;

/// The longest URL of a `GET` ("The length of a URL in a GET request is limited to 32 KB
/// (32,768 characters)"; a `$batch` body carries up to 65,536).
pub const MAX_URL_LENGTH: usize = 32_768;

/// A query the Web API would refuse, or a URL that cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// The base URL is not the Web API root, like `https://org.crm.dynamics.com/api/data/v9.2/`.
    #[error("base URL `{url}` {reason} (expected the Web API root, like `https://org.crm.dynamics.com/api/data/v9.2/`)")]
    BaseUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// More than [`MAX_EXPANSIONS`] `$expand` options.
    #[error("the query has {count} `$expand` options (nested ones included): Dataverse accepts at most 15")]
    TooManyExpansions {
        /// How many the query has.
        count: usize,
    },
    /// `$orderby` or `$top` on a collection-valued expansion of a query with a nested
    /// `$expand`: "Only $select and $filter clause can be provided while doing $expand on
    /// many-to-one relationship or nested one-to-many relationship."
    #[error("the expansion of `{navigation}` has `$orderby` or `$top`, which Dataverse refuses on collection-valued expansions when the query has a nested `$expand`: use `$filter`, or page the expanded rows through their next link")]
    OrderOrTopWithNestedExpand {
        /// The collection-valued navigation property.
        navigation: String,
    },
    /// `any`/`all` under a single-valued navigation property
    /// (`primarycontactid/contact_customer_contacts/any(...)`), which Dataverse does not support.
    #[error("a lambda (`any`/`all`) under the single-valued navigation property `{navigation}`: Dataverse does not support conditions on collections nested in a lookup")]
    LambdaUnderLookup {
        /// The single-valued navigation property.
        navigation: String,
    },
    /// A page size of 0 or more than [`MAX_PAGE_SIZE`].
    #[error("page size {size}: a page holds 1 to 5,000 rows")]
    PageSize {
        /// The size asked for.
        size: u32,
    },
    /// The URL is longer than [`MAX_URL_LENGTH`].
    #[error("the request URL has {length} characters: Dataverse accepts at most 32,768 in a GET (a $batch request carries up to 65,536)")]
    UrlTooLong {
        /// The URL's length.
        length: usize,
    },
    /// A `GET` under a row created in a `$batch` change set (`$1/Account_Tasks`): a change set
    /// takes no `GET`, and only its own requests know `$1`.
    #[error("`{reference}` names a row created in a `$batch` change set, which no GET can address (a change set takes no GET): query the row by its id once created")]
    CreatedRow {
        /// `$1`.
        reference: String,
    },
    /// An alternate key's value holds a character Dataverse does not take in a key
    /// ([`UNSUPPORTED_KEY_CHARACTERS`](super::UNSUPPORTED_KEY_CHARACTERS)).
    #[error("the alternate key value {value} of `{column}` holds `{character}`, which Dataverse does not take in a key value (`/ # < > * % & : \\ ? +`): find the row with a $filter instead")]
    UnsupportedKeyValue {
        /// The key column's property.
        column: String,
        /// The value as the key would render it.
        value: String,
        /// The first character refused.
        character: char,
    },
    /// A next link that is not an absolute URL of the same service.
    #[error("next link `{link}`: {reason}")]
    NextLink {
        /// The link as the response gave it.
        link: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The `http` crate refused the request (a header value, say).
    #[error("the request cannot be built: {0}")]
    Http(String),
}

/// What is percent-encoded in the query string: everything but letters, digits, `-._~` and the
/// characters Microsoft's examples keep readable (`$ = , ( ) ' / : ; @ ! * [ ]`). Spaces,
/// `"`, `#`, `%`, `&`, `+`, `?`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`, control
/// characters and every non-ASCII byte are encoded, so a literal never ends an option (`&`),
/// turns into a space (`+`) or starts a fragment (`#`).
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'$')
    .remove(b'=')
    .remove(b',')
    .remove(b'(')
    .remove(b')')
    .remove(b'\'')
    .remove(b'/')
    .remove(b':')
    .remove(b';')
    .remove(b'@')
    .remove(b'!')
    .remove(b'*')
    .remove(b'[')
    .remove(b']');

/// What a next link may hold raw but a URI cannot: encoded, everything else kept verbatim.
const LINK: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>');

/// A query string (or a part of one) percent-encoded as [`QUERY`] says.
pub(crate) fn encode(text: &str) -> String {
    utf8_percent_encode(text, QUERY).to_string()
}

impl Options {
    /// The options as `(name, value)` pairs, unencoded, in the order `$select`, `$filter`,
    /// `$orderby`, `$top`, `$expand`.
    fn parts(&self) -> Result<Vec<(&'static str, String)>, QueryError> {
        let mut parts = Vec::new();
        if !self.select.is_empty() {
            parts.push(("$select", self.select.join(",")));
        }
        if let Some(filter) = &self.filter {
            parts.push(("$filter", super::filter::render(filter)?));
        }
        if !self.order_by.is_empty() {
            parts.push(("$orderby", self.order_by.join(",")));
        }
        if let Some(top) = self.top {
            parts.push(("$top", top.to_string()));
        }
        if !self.expand.is_empty() {
            let items = self
                .expand
                .iter()
                .map(Expansion::render)
                .collect::<Result<Vec<_>, _>>()?;
            parts.push(("$expand", items.join(",")));
        }
        Ok(parts)
    }

    /// Every expansion, nested ones included.
    fn expansions(&self) -> Vec<&Expansion> {
        let mut all = Vec::new();
        for e in &self.expand {
            all.push(e);
            if let Form::Options(o) = &e.form {
                all.extend(o.expansions());
            }
        }
        all
    }
}

impl Expansion {
    fn render(&self) -> Result<String, QueryError> {
        match &self.form {
            Form::Reference => Ok(format!("{}/$ref", self.navigation)),
            Form::Options(options) => {
                let parts = options.parts()?;
                if parts.is_empty() {
                    return Ok(self.navigation.to_string());
                }
                let parts: Vec<String> = parts.iter().map(|(k, v)| format!("{k}={v}")).collect();
                Ok(format!("{}({})", self.navigation, parts.join(";")))
            }
        }
    }

    fn nested(&self) -> Option<&Options> {
        match &self.form {
            Form::Options(o) => Some(o),
            Form::Reference => None,
        }
    }
}

impl<T: Table, L> Query<T, L> {
    /// Checks the rules Dataverse documents that the types cannot.
    fn check(&self) -> Result<(), QueryError> {
        let all = self.options.expansions();
        if all.len() > MAX_EXPANSIONS {
            return Err(QueryError::TooManyExpansions { count: all.len() });
        }
        let nested = all
            .iter()
            .any(|e| e.nested().is_some_and(|o| !o.expand.is_empty()));
        if nested {
            let limited = all.iter().find(|e| {
                e.collection
                    && e.nested()
                        .is_some_and(|o| !o.order_by.is_empty() || o.top.is_some())
            });
            if let Some(e) = limited {
                return Err(QueryError::OrderOrTopWithNestedExpand {
                    navigation: e.navigation.to_string(),
                });
            }
        }
        match self.page_size {
            Some(size) if size == 0 || size > MAX_PAGE_SIZE => Err(QueryError::PageSize { size }),
            _ => Ok(()),
        }
    }

    /// The collection's path relative to the Web API root, percent-encoded.
    pub(crate) fn source_path(&self) -> Result<String, QueryError> {
        match &self.under {
            None => Ok(encode(T::ENTITY_SET_NAME)),
            Some(Target::Path(path)) => Ok(path.clone()),
            Some(Target::Created(c, _)) => Err(QueryError::CreatedRow {
                reference: c.reference(),
            }),
            Some(Target::Refused(e)) => Err(e.clone()),
        }
    }

    /// The URL relative to the Web API root, percent-encoded:
    /// `accounts?$select=name&$filter=contains(name,'sample')`.
    pub fn path_and_query(&self) -> Result<String, QueryError> {
        self.check()?;
        let mut parts = self.options.parts()?;
        if self.count {
            parts.push(("$count", "true".to_string()));
        }
        let mut url = self.source_path()?;
        for (i, (name, value)) in parts.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(name);
            url.push('=');
            url.push_str(&encode(value));
        }
        Ok(url)
    }

    /// The `Prefer` header's value, when the query needs one:
    /// `odata.include-annotations="*", odata.maxpagesize=100`. The annotations asked for, and
    /// `Microsoft.Dynamics.CRM.lookuplogicalname` whenever the rows returned have a lookup
    /// whose value names its table only there (a selected lookup with several targets, or
    /// every column of a table with one: [`Table::LOOKUP_TABLES`]), so that it reads as its
    /// target instead of `Unknown`.
    pub fn prefer(&self) -> Option<String> {
        self.preferences(true)
    }

    /// The `Prefer` value; `rows` adds what the rows returned need (none come back from a write
    /// without `return=representation`: only the annotations asked for, which also annotate
    /// an error).
    pub(crate) fn preferences(&self, rows: bool) -> Option<String> {
        let mut prefer = Vec::new();
        let mut annotations = self.annotations.clone();
        let lookups = rows && self.options.needs_lookup_tables();
        if lookups && !annotations.contains(&LOOKUP_LOGICAL_NAME) {
            annotations.push(LOOKUP_LOGICAL_NAME);
        }
        if !annotations.is_empty() {
            let names = if annotations.contains(&"*") {
                "*".to_string()
            } else {
                annotations.join(",")
            };
            prefer.push(format!("odata.include-annotations=\"{names}\""));
        }
        if let Some(size) = self.page_size {
            prefer.push(format!("odata.maxpagesize={size}"));
        }
        (!prefer.is_empty()).then(|| prefer.join(", "))
    }

    /// The `GET` request against the Web API root `base_url`
    /// (`https://org.crm.dynamics.com/api/data/v9.2/`, ending with `/`), with the headers
    /// `Accept: application/json`, `OData-MaxVersion: 4.0`, `OData-Version: 4.0`,
    /// `If-None-Match: null` (which Microsoft says every request should carry, so that no cache
    /// answers it) and `Prefer` when the query needs one.
    pub fn to_request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, QueryError> {
        check_base(base_url)?;
        let url = format!("{base_url}{}", self.path_and_query()?);
        if url.len() > MAX_URL_LENGTH {
            return Err(QueryError::UrlTooLong { length: url.len() });
        }
        let mut request = http::Request::builder()
            .method(http::Method::GET)
            .uri(url)
            .header(ACCEPT, "application/json")
            .header("OData-MaxVersion", "4.0")
            .header("OData-Version", "4.0")
            .header(IF_NONE_MATCH, HeaderValue::from_static("null"));
        if let Some(prefer) = self.prefer() {
            request = request.header("Prefer", prefer);
        }
        request
            .body(Vec::new())
            .map_err(|e| QueryError::Http(e.to_string()))
    }
}

/// Refuses a base URL that is not an absolute `http(s)` URL ending with `/` without query or
/// fragment.
pub(super) fn check_base(url: &str) -> Result<(), QueryError> {
    let fail = |reason| {
        Err(QueryError::BaseUrl {
            url: url.to_string(),
            reason,
        })
    };
    if url.contains(['?', '#']) {
        return fail("has a query or fragment");
    }
    if !url.ends_with('/') {
        return fail("does not end with `/`");
    }
    let Ok(uri) = url.parse::<http::Uri>() else {
        return fail("is not a valid URL");
    };
    match (uri.scheme_str(), uri.authority()) {
        (Some("https" | "http"), Some(_)) => Ok(()),
        _ => fail("is not an absolute http(s) URL"),
    }
}

/// The `GET` of `link` (a next link, used verbatim) with the headers of `previous`, when the
/// link is an absolute URL of the same scheme and host.
fn follow<B>(
    link: &str,
    previous: &http::Request<B>,
) -> Result<http::Request<Vec<u8>>, QueryError> {
    let fail = |reason: &str| QueryError::NextLink {
        link: link.to_string(),
        reason: reason.to_string(),
    };
    let uri: http::Uri = utf8_percent_encode(link, LINK)
        .to_string()
        .parse()
        .map_err(|e: http::uri::InvalidUri| fail(&e.to_string()))?;
    let before = previous.uri();
    if uri.scheme() != before.scheme() || uri.authority() != before.authority() {
        return Err(fail(&format!(
            "not on the service of the previous request (`{}`): refused, so that its headers go nowhere else",
            before
                .authority()
                .map(|a| a.as_str())
                .unwrap_or("no host")
        )));
    }
    let mut request = http::Request::builder().method(http::Method::GET).uri(uri);
    for (name, value) in previous.headers() {
        request = request.header(name, value);
    }
    request
        .body(Vec::new())
        .map_err(|e| QueryError::Http(e.to_string()))
}

impl<R> Page<R> {
    /// The request for the next page: a `GET` of [`next_link`](Page::next_link) verbatim with
    /// every header of `previous` (the request that returned this page: the same `Prefer`,
    /// as Microsoft requires, and your authorization), or `None` on the last page. A link to
    /// another scheme or host is refused.
    pub fn next_request<B>(
        &self,
        previous: &http::Request<B>,
    ) -> Result<Option<http::Request<Vec<u8>>>, QueryError> {
        next(self.next_link.as_deref(), previous)
    }
}

impl<R> Expanded<R> {
    /// The request for the rest of an expanded collection: like [`Page::next_request`], from
    /// `<navigation property>@odata.nextLink`.
    pub fn next_request<B>(
        &self,
        previous: &http::Request<B>,
    ) -> Result<Option<http::Request<Vec<u8>>>, QueryError> {
        next(self.next_link.as_deref(), previous)
    }
}

/// The request following `link` (none: the last page) with `previous`'s headers.
fn next<B>(
    link: Option<&str>,
    previous: &http::Request<B>,
) -> Result<Option<http::Request<Vec<u8>>>, QueryError> {
    link.map(|link| follow(link, previous)).transpose()
}
