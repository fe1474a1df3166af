//! `$batch`: requests and change sets packed into one `multipart/mixed` `POST` (Microsoft
//! Learn, "Execute batch operations using the Web API"); the response is split back with
//! [`BatchResponse`](super::BatchResponse).

use super::key::{ContentId, Target};
use super::prepared::{references, Change, Operation, Prepared, WriteError};
use super::request::check_base;
use std::sync::atomic::{AtomicU64, Ordering};

/// At most this many requests in a `$batch` ("Batch requests can contain up to 1000
/// individual requests").
pub const MAX_BATCH_REQUESTS: usize = 1000;

/// The longest URL of a request inside a `$batch` body (64 KB).
pub const MAX_BATCH_URL_LENGTH: usize = 65_536;

const CRLF: &str = "\r\n";

/// The ids of batches made with [`Batch::new`].
static NEXT_BATCH: AtomicU64 = AtomicU64::new(1);

/// A `$batch` request: requests on their own and change sets, in order, rendered as one
/// `multipart/mixed` `POST <root>$batch`; split its response with
/// [`BatchResponse`](super::BatchResponse).
///
/// ```
/// # use dataverse_runtime::{self as rt, Column, One, ReadError, Reader, Table, Writer};
/// # macro_rules! table { ($t:ident, $n:literal, $s:literal) => {
/// #     #[derive(Debug)] pub struct $t;
/// #     impl Table for $t {
/// #         const LOGICAL_NAME: &'static str = $n;
/// #         const ENTITY_SET_NAME: &'static str = $s;
/// #         fn read(_: &mut Reader) -> Result<Self, ReadError> { Ok($t) }
/// #         fn write<'a>(&'a self, _: &mut Writer<'a>) {}
/// #     }
/// # } }
/// # table!(Account, "account", "accounts");
/// # table!(Contact, "contact", "contacts");
/// # const NAME: Column<Account, String> = Column::new("name");
/// # const FIRSTNAME: Column<Contact, String> = Column::new("firstname");
/// # const PRIMARYCONTACTID: One<Account, Contact> = One::new("primarycontactid", "contacts");
/// # fn main() -> Result<(), rt::query::WriteError> {
/// use dataverse_runtime::query::{create, query, Batch};
/// use dataverse_runtime::Body;
///
/// let request = Batch::with_id("AAA123")
///     .change_set(|set| {
///         let contact = set.add(create(Body::<Contact>::new().set(FIRSTNAME, "Jo")));
///         set.add(create(
///             Body::<Account>::new().set(NAME, "Contoso").bind_created(PRIMARYCONTACTID, contact),
///         ));
///     })
///     .request(query::<Account>().select(NAME).top(1))
///     .to_request("https://org.crm.dynamics.com/api/data/v9.2/")?;
/// assert_eq!(request.uri(), "https://org.crm.dynamics.com/api/data/v9.2/$batch");
/// assert_eq!(request.headers()["content-type"], "multipart/mixed; boundary=batch_AAA123");
/// let body = String::from_utf8(request.into_body()).unwrap();
/// assert!(body.contains("Content-ID: 2\r\n\r\nPOST /api/data/v9.2/accounts HTTP/1.1\r\n"));
/// assert!(body.contains(r#""primarycontactid@odata.bind":"$1""#));
/// # Ok(())
/// # }
/// ```
///
/// A change set takes only writes ([`Change`]): a `GET` in one does not compile.
///
/// ```compile_fail,E0277
/// # use dataverse_runtime::{self as rt, ReadError, Reader, Table, Writer};
/// # #[derive(Debug)] pub struct Account;
/// # impl Table for Account {
/// #     const LOGICAL_NAME: &'static str = "account";
/// #     const ENTITY_SET_NAME: &'static str = "accounts";
/// #     fn read(_: &mut Reader) -> Result<Self, ReadError> { Ok(Account) }
/// #     fn write<'a>(&'a self, _: &mut Writer<'a>) {}
/// # }
/// use dataverse_runtime::query::{query, Batch};
/// let _ = Batch::new().change_set(|set| {
///     set.add(query::<Account>());
/// });
/// ```
#[derive(Debug, Clone)]
pub struct Batch {
    id: String,
    items: Vec<Item>,
    next_content_id: u32,
    continue_on_error: bool,
    absolute_urls: bool,
}

#[derive(Debug, Clone)]
enum Item {
    One(Result<Prepared, WriteError>),
    ChangeSet(ChangeSet),
}

/// The requests of one change set: applied together or not at all. Filled by the closure of
/// [`Batch::change_set`].
#[derive(Debug, Clone)]
pub struct ChangeSet {
    parts: Vec<(ContentId, Result<Prepared, WriteError>)>,
    next: u32,
}

impl ChangeSet {
    /// Adds a write; the [`ContentId`] it gets stands for the row it creates (`$1`) in the
    /// requests added after it: as their row ([`Row::Created`](super::Row::Created)), in a
    /// bind ([`Body::bind_created`](crate::Body::bind_created)) or a reference.
    pub fn add(&mut self, write: impl Change) -> ContentId {
        let id = ContentId(self.next);
        self.next = self.next.saturating_add(1);
        self.parts.push((id, write.prepare()));
        id
    }
}

impl Default for Batch {
    fn default() -> Self {
        Self::new()
    }
}

impl Batch {
    /// An empty batch whose boundary is `batch_<n>`, `n` counting the batches of this process.
    pub fn new() -> Self {
        Self::with_id(NEXT_BATCH.fetch_add(1, Ordering::Relaxed).to_string())
    }

    /// An empty batch whose boundary is `batch_<id>` (letters, digits and `'()+_,-./:=?`, at
    /// most 64 characters); change sets are `changeset_<id>_<n>`.
    pub fn with_id(id: impl Into<String>) -> Self {
        Batch {
            id: id.into(),
            items: Vec::new(),
            next_content_id: 1,
            continue_on_error: false,
            absolute_urls: false,
        }
    }

    /// A request on its own: a query, a retrieve, or a write outside any change set.
    pub fn request(mut self, request: impl Operation) -> Self {
        self.items.push(Item::One(request.prepare()));
        self
    }

    /// A change set, filled by `fill` with [`ChangeSet::add`]. `Content-ID`s count from 1
    /// across the batch.
    pub fn change_set(mut self, fill: impl FnOnce(&mut ChangeSet)) -> Self {
        let mut set = ChangeSet {
            parts: Vec::new(),
            next: self.next_content_id,
        };
        fill(&mut set);
        self.next_content_id = set.next;
        self.items.push(Item::ChangeSet(set));
        self
    }

    /// `Prefer: odata.continue-on-error`: a failing request does not stop the ones after it.
    pub fn continue_on_error(mut self) -> Self {
        self.continue_on_error = true;
        self
    }

    /// Request lines with absolute URLs (`POST https://org.../api/data/v9.2/accounts`) instead
    /// of absolute paths (`POST /api/data/v9.2/accounts`); both are documented.
    pub fn absolute_urls(mut self) -> Self {
        self.absolute_urls = true;
        self
    }

    /// The batch's boundary: `batch_<id>`.
    pub fn boundary(&self) -> String {
        format!("batch_{}", self.id)
    }

    fn check_id(&self) -> Result<(), WriteError> {
        let fail = |reason| {
            Err(WriteError::BatchId {
                id: self.id.clone(),
                reason,
            })
        };
        if self.id.is_empty() || self.id.len() > 64 {
            return fail("a batch id has 1 to 64 characters");
        }
        let allowed = |b: u8| b.is_ascii_alphanumeric() || b"'()+_,-./:=?".contains(&b);
        if !self.id.bytes().all(allowed) {
            return fail("a batch id has only letters, digits and `'()+_,-./:=?`");
        }
        Ok(())
    }

    /// The `POST <base>$batch` request: `Content-Type: multipart/mixed; boundary=batch_<id>`,
    /// the body with CRLF line endings, each request an `application/http` part.
    pub fn to_request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, WriteError> {
        check_base(base_url)?;
        self.check_id()?;
        let count: usize = self
            .items
            .iter()
            .map(|i| match i {
                Item::One(_) => 1,
                Item::ChangeSet(set) => set.parts.len(),
            })
            .sum();
        if count > MAX_BATCH_REQUESTS {
            return Err(WriteError::TooManyRequests { count });
        }
        let prefix = if self.absolute_urls {
            base_url.to_string()
        } else {
            base_url
                .parse::<http::Uri>()
                .map(|u| u.path().to_string())
                .unwrap_or_else(|_| "/".to_string())
        };
        let place = Place {
            base: base_url,
            prefix: &prefix,
            batch: self.boundary(),
            change_set: format!("changeset_{}_", self.id),
        };
        let boundary = self.boundary();
        let mut body = String::new();
        for (n, item) in self.items.iter().enumerate() {
            body.push_str(&format!("--{boundary}{CRLF}"));
            match item {
                Item::One(prepared) => place.part(&mut body, prepared.as_ref(), None, &[])?,
                Item::ChangeSet(set) => {
                    let inner = format!("changeset_{}_{}", self.id, n + 1);
                    body.push_str(&format!(
                        "Content-Type: multipart/mixed; boundary={inner}{CRLF}{CRLF}"
                    ));
                    let mut created = Vec::new();
                    for (id, prepared) in &set.parts {
                        body.push_str(&format!("--{inner}{CRLF}"));
                        place.part(&mut body, prepared.as_ref(), Some(*id), &created)?;
                        created.push(*id);
                    }
                    body.push_str(&format!("--{inner}--{CRLF}"));
                }
            }
        }
        body.push_str(&format!("--{boundary}--{CRLF}"));
        let mut request = http::Request::builder()
            .method(http::Method::POST)
            .uri(format!("{base_url}$batch"))
            .header("OData-MaxVersion", "4.0")
            .header("OData-Version", "4.0")
            .header("If-None-Match", "null")
            .header("Accept", "application/json")
            .header(
                "Content-Type",
                format!("multipart/mixed; boundary={boundary}"),
            );
        if self.continue_on_error {
            request = request.header("Prefer", "odata.continue-on-error");
        }
        request
            .body(body.into_bytes())
            .map_err(|e| WriteError::Http(e.to_string()))
    }
}

/// Where the parts of a batch go: the Web API root and the prefix of request lines.
struct Place<'a> {
    base: &'a str,
    prefix: &'a str,
    /// `batch_<id>`.
    batch: String,
    /// `changeset_<id>_`, the start of every change set's boundary.
    change_set: String,
}

impl Place<'_> {
    /// One `application/http` part (without its delimiter), ending with CRLF. `created`: the
    /// `Content-ID`s of the change set before it.
    fn part(
        &self,
        out: &mut String,
        prepared: Result<&Prepared, &WriteError>,
        id: Option<ContentId>,
        created: &[ContentId],
    ) -> Result<(), WriteError> {
        let prepared = prepared.map_err(Clone::clone)?;
        let mut referred = references(&prepared.payload);
        let url = match &prepared.target {
            Target::Path(path) => format!("{}{path}", self.prefix),
            Target::Created(c, suffix) => {
                referred.push(*c);
                format!("{c}{suffix}")
            }
            Target::Refused(e) => return Err(e.clone().into()),
        };
        if let Some(c) = referred.iter().find(|c| !created.contains(c)) {
            return Err(match id {
                Some(_) => WriteError::UnknownContentId {
                    reference: c.reference(),
                },
                None => WriteError::CreatedOutsideChangeSet {
                    reference: c.reference(),
                },
            });
        }
        if url.len() > MAX_BATCH_URL_LENGTH {
            return Err(super::QueryError::UrlTooLong { length: url.len() }.into());
        }
        let body = String::from_utf8_lossy(&prepared.body(self.base)).into_owned();
        for boundary in [&self.batch, &self.change_set] {
            let delimiter = format!("--{boundary}");
            let inside = |text: &str| text.contains(&delimiter);
            if inside(&url) || inside(&body) || prepared.headers.iter().any(|(_, v)| inside(v)) {
                return Err(WriteError::BoundaryInRequest {
                    boundary: boundary.clone(),
                });
            }
        }
        out.push_str(&format!(
            "Content-Type: application/http{CRLF}Content-Transfer-Encoding: binary{CRLF}"
        ));
        if let Some(id) = id {
            out.push_str(&format!("Content-ID: {}{CRLF}", id.get()));
        }
        out.push_str(&format!("{CRLF}{} {url} HTTP/1.1{CRLF}", prepared.method));
        for (name, value) in &prepared.headers {
            if value.contains(['\r', '\n']) {
                return Err(WriteError::Http(format!(
                    "header `{name}` holds a line break"
                )));
            }
            out.push_str(&format!("{name}: {value}{CRLF}"));
        }
        out.push_str(CRLF);
        out.push_str(&body);
        out.push_str(CRLF);
        Ok(())
    }
}
