//! [`Pages`]: the pages of a collection, one by one ([`next_page`](Pages::next_page)) or as a
//! [`Stream`] of pages ([`into_stream`](Pages::into_stream)) or of rows ([`rows`](Pages::rows)).

use super::{Client, ClientError, TokenProvider};
use crate::page::Page;
use futures_core::Stream;
use futures_util::{stream, TryStreamExt};
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// The pages of a collection ([`Client::pages`]), following `@odata.nextLink`: read them one by
/// one with [`next_page`](Pages::next_page), or as a [`Stream`] of pages
/// ([`into_stream`](Pages::into_stream)) or of rows across pages ([`rows`](Pages::rows)).
///
/// Nothing is sent before a page is asked for: a page is requested when
/// [`next_page`](Pages::next_page) is awaited or the stream is polled past the rows it already
/// has, never ahead.
#[derive(Debug)]
pub struct Pages<'c, T, R> {
    client: &'c Client<T>,
    next: Option<http::Request<Vec<u8>>>,
    rows: PhantomData<fn() -> R>,
}

impl<'c, T, R> Pages<'c, T, R> {
    pub(super) fn new(client: &'c Client<T>, first: http::Request<Vec<u8>>) -> Self {
        Pages {
            client,
            next: Some(first),
            rows: PhantomData,
        }
    }
}

impl<'c, T: TokenProvider, R: DeserializeOwned> Pages<'c, T, R> {
    /// The next page, or `None` after the last one (the one without `@odata.nextLink`). After
    /// an error, the same page is not asked again: the next call gives `None`.
    pub async fn next_page(&mut self) -> Result<Option<Page<R>>, ClientError> {
        let Some(request) = self.next.take() else {
            return Ok(None);
        };
        let response = self.client.execute(&request).await?;
        let page: Page<R> = crate::from_slice(response.body())?;
        self.next = page.next_request(&request)?;
        Ok(Some(page))
    }

    /// Every row of every page left, in order.
    pub async fn all(mut self) -> Result<Vec<R>, ClientError> {
        let mut rows = Vec::new();
        while let Some(page) = self.next_page().await? {
            rows.extend(page.rows);
        }
        Ok(rows)
    }

    /// The pages left as a [`Stream`], each page requested when the stream is polled for it.
    /// It ends after the last page (the one without `@odata.nextLink`), and after the first
    /// error, which it yields: nothing is requested after an error.
    ///
    /// The stream is [`Unpin`]: `stream.try_next().await` ([`TryStreamExt`] of
    /// `futures`/`futures-util`) needs no pinning.
    pub fn into_stream(self) -> impl Stream<Item = Result<Page<R>, ClientError>> + Unpin + 'c
    where
        R: 'c,
    {
        Box::pin(stream::try_unfold(self, |mut pages| async move {
            Ok(pages.next_page().await?.map(|page| (page, pages)))
        }))
    }

    /// The rows of the pages left, in order, as a [`Stream`]: the next page is requested when
    /// the rows of the previous one have all been taken. It ends after the rows of the last
    /// page, and after the first error, which it yields: nothing is requested after an error.
    ///
    /// The stream is [`Unpin`]; use [`into_stream`](Pages::into_stream) for the pages
    /// themselves (`@odata.count`, ...).
    pub fn rows(self) -> impl Stream<Item = Result<R, ClientError>> + Unpin + 'c
    where
        R: 'c,
    {
        self.into_stream()
            .map_ok(|page| stream::iter(page.rows.into_iter().map(Ok)))
            .try_flatten()
    }
}
