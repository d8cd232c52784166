//! Sending Dateline stories to a CMS: WordPress (REST API, application
//! passwords) and Ghost (Admin API, JWT), from an outbox that keeps what a
//! site could not take and sends it when the site answers again.
//!
//! The library file holds the targets, what each story became on each site
//! and the outbox (`dateline-store`); the secrets are in the system keyring
//! ([`Secrets`]); this crate speaks to the sites.

mod error;
mod ghost;
mod http;
mod push;
mod secret;
mod site;
mod wordpress;

pub use error::{CmsError, CmsErrorKind, Result};
pub use push::{
    push, push_many, send_outbox, test_site, test_target, Desk, OnConflict, PushOutcome,
    PushProgress,
};
pub use secret::{NoKeyring, Secrets};
pub use site::{connect, Outgoing, Picture, RemoteState, RemoteStatus, Site, SiteCheck};
