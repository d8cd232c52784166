//! What can go wrong when sending a story to a site, each in one sentence a
//! reporter can act on, and which of them the outbox should retry.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum CmsError {
    #[error(transparent)]
    Store(#[from] dateline_store::StoreError),
    /// The site could not be reached: no network, a name that does not
    /// resolve, a refused connection, a timeout. The push is queued.
    #[error("{site} could not be reached ({detail})")]
    Offline { site: String, detail: String },
    /// The site answered with a fault of its own (5xx). The push is queued.
    #[error("{site} had a fault of its own (HTTP {status}){}", detail_suffix(.detail))]
    ServerFault {
        site: String,
        status: u16,
        detail: String,
    },
    /// A secure connection could not be made.
    #[error("{site}: the secure connection failed ({detail}); check the address, or the site's certificate")]
    Tls { site: String, detail: String },
    /// The site answered, and said no: a wrong password, no rights, not a
    /// WordPress or Ghost site, its REST API turned off. Retrying will not help.
    #[error("{0}")]
    Refused(String),
    /// The post was changed on the site since Dateline last sent it.
    #[error("the post on {site} was changed there since it was last sent (at {modified}); choose to overwrite it or to keep the site's version")]
    Conflict { site: String, modified: String },
    /// No secret is known for the target.
    #[error("{0}")]
    NoSecret(String),
    /// The story cannot be sent as it is.
    #[error("{0}")]
    NotSendable(String),
}

fn detail_suffix(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!(": {detail}")
    }
}

/// What kind of trouble a [`CmsError`] is, for the window to branch on.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CmsErrorKind {
    /// Worth retrying later: the outbox keeps the push.
    Unreachable,
    /// The site said no; a person must change something.
    Refused,
    /// The post changed on the site: overwrite or keep.
    Conflict,
    /// No password or key is known for the target.
    NoSecret,
    /// Anything else (the library, the story).
    Other,
}

impl CmsError {
    /// Whether the outbox should keep the push and try again.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            CmsError::Offline { .. } | CmsError::ServerFault { .. }
        )
    }

    pub fn kind(&self) -> CmsErrorKind {
        match self {
            CmsError::Offline { .. } | CmsError::ServerFault { .. } => CmsErrorKind::Unreachable,
            CmsError::Tls { .. } | CmsError::Refused(_) => CmsErrorKind::Refused,
            CmsError::Conflict { .. } => CmsErrorKind::Conflict,
            CmsError::NoSecret(_) => CmsErrorKind::NoSecret,
            CmsError::Store(_) | CmsError::NotSendable(_) => CmsErrorKind::Other,
        }
    }
}

pub type Result<T, E = CmsError> = std::result::Result<T, E>;
