//! The optional headers Dataverse documents for writes, which change how the server carries
//! them out (Microsoft Learn, "Compose HTTP requests and handle errors", "Detect duplicate data
//! using the Web API", "Bypass custom business logic"): on every [`Change`], single or in a
//! `$batch` change set.

use super::prepared::{Change, Operation, Prepared, WriteError};

/// Which custom logic [`WriteHeaders::bypass_business_logic`] skips
/// (`MSCRM.BypassBusinessLogicExecution`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CustomLogic {
    /// Synchronous plug-ins and workflows: `CustomSync`.
    Sync,
    /// Asynchronous plug-ins and workflows: `CustomAsync`.
    Async,
    /// Both: `CustomSync,CustomAsync`.
    All,
}

impl CustomLogic {
    fn header(self) -> &'static str {
        match self {
            CustomLogic::Sync => "CustomSync",
            CustomLogic::Async => "CustomAsync",
            CustomLogic::All => "CustomSync,CustomAsync",
        }
    }
}

/// A write with optional headers: see [`WriteHeaders`].
#[derive(Debug, Clone)]
pub struct WithHeaders<O> {
    write: O,
    headers: Vec<(&'static str, String)>,
}

impl<O: Change> WithHeaders<O> {
    fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// `MSCRM.SuppressDuplicateDetection: false`: the server runs the duplicate detection rules
    /// and refuses a create or update that makes a duplicate.
    pub fn detect_duplicates(self) -> Self {
        self.with("MSCRM.SuppressDuplicateDetection", "false")
    }

    /// `MSCRM.BypassCustomPluginExecution: true`: synchronous plug-ins are not run (the caller
    /// needs the `prvBypassCustomPlugins` privilege).
    pub fn bypass_custom_plugins(self) -> Self {
        self.with("MSCRM.BypassCustomPluginExecution", "true")
    }

    /// `MSCRM.BypassBusinessLogicExecution: CustomSync,CustomAsync` (or one of them): custom
    /// synchronous and/or asynchronous logic is not run (the caller needs the
    /// `prvBypassCustomBusinessLogic` privilege).
    pub fn bypass_business_logic(self, logic: CustomLogic) -> Self {
        self.with("MSCRM.BypassBusinessLogicExecution", logic.header())
    }

    /// `MSCRM.SuppressCallbackRegistrationExpanderJob: true`: no Power Automate flow is
    /// triggered by this write.
    pub fn suppress_flows(self) -> Self {
        self.with("MSCRM.SuppressCallbackRegistrationExpanderJob", "true")
    }

    /// `MSCRM.SolutionUniqueName: <name>`: the unmanaged solution a created solution component
    /// is added to.
    pub fn solution(self, unique_name: impl Into<String>) -> Self {
        self.with("MSCRM.SolutionUniqueName", unique_name)
    }
}

/// Optional headers on a write ([`Change`]): `create(body).detect_duplicates()`. Each method
/// wraps the write in [`WithHeaders`], whose methods add more (a header set twice keeps its
/// last value). Set the write's own options (`select`, `if_match`, ...) before its headers:
/// the wrapper has only these methods.
pub trait WriteHeaders: Change + Sized {
    /// See [`WithHeaders::detect_duplicates`].
    fn detect_duplicates(self) -> WithHeaders<Self> {
        wrap(self).detect_duplicates()
    }

    /// See [`WithHeaders::bypass_custom_plugins`].
    fn bypass_custom_plugins(self) -> WithHeaders<Self> {
        wrap(self).bypass_custom_plugins()
    }

    /// See [`WithHeaders::bypass_business_logic`].
    fn bypass_business_logic(self, logic: CustomLogic) -> WithHeaders<Self> {
        wrap(self).bypass_business_logic(logic)
    }

    /// See [`WithHeaders::suppress_flows`].
    fn suppress_flows(self) -> WithHeaders<Self> {
        wrap(self).suppress_flows()
    }

    /// See [`WithHeaders::solution`].
    fn solution(self, unique_name: impl Into<String>) -> WithHeaders<Self> {
        wrap(self).solution(unique_name)
    }
}

fn wrap<O: Change>(write: O) -> WithHeaders<O> {
    WithHeaders {
        write,
        headers: Vec::new(),
    }
}

/// Every write; on a [`WithHeaders`], its own methods (found first) add to it instead of
/// wrapping it again.
impl<O: Change> WriteHeaders for O {}

impl<O: Operation> Operation for WithHeaders<O> {
    fn prepare(&self) -> Result<Prepared, WriteError> {
        let mut prepared = self.write.prepare()?;
        for (name, value) in &self.headers {
            // A value that would end the header (a line break in a solution name) is refused:
            // in a `$batch` it would write a header of its own into the part.
            if http::HeaderValue::from_str(value).is_err() {
                return Err(WriteError::Http(format!(
                    "header `{name}`: `{}` is not a header value (control characters, line breaks)",
                    value.escape_debug()
                )));
            }
            // The last value of a header wins, also over a wrapper inside this one.
            prepared = prepared.set_header(name, value.clone());
        }
        Ok(prepared)
    }
}

impl<O: Change> Change for WithHeaders<O> {}
