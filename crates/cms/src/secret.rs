//! Targets' secrets: a WordPress application password or a Ghost Admin API
//! key. Kept in the operating system's keyring, or for this session only
//! where no keyring service runs, or read from an environment variable at
//! each use. Never in the library file, never in a log or an error.

use std::collections::HashMap;
use std::sync::Mutex;

use dateline_store::{SecretPlace, Target};
use uuid::Uuid;

use crate::error::{CmsError, Result};

/// The keyring's service name for Dateline's entries.
const SERVICE: &str = "Dateline";

/// Where secrets are found, and the ones kept for this session.
#[derive(Default)]
pub struct Secrets {
    session: Mutex<HashMap<Uuid, String>>,
}

/// Why a secret could not go to the keyring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoKeyring(pub String);

fn entry(target: Uuid) -> std::result::Result<keyring::Entry, keyring::Error> {
    keyring::Entry::new(SERVICE, &format!("target:{target}"))
}

fn keyring_sentence(e: &keyring::Error) -> String {
    match e {
        keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_) => {
            "no keyring service is running on this computer".to_owned()
        }
        other => format!("the keyring refused it ({other})"),
    }
}

impl Secrets {
    pub fn new() -> Secrets {
        Secrets::default()
    }

    /// The secret of `target`, from where it is kept.
    pub fn get(&self, target: &Target) -> Result<String> {
        let secret = match &target.secret {
            SecretPlace::Env(var) => std::env::var(var).map_err(|_| {
                CmsError::NoSecret(format!(
                    "the secret of {} is read from ${var}, which is not set",
                    target.name
                ))
            })?,
            SecretPlace::Session => self
                .session
                .lock()
                .map_err(|_| CmsError::NoSecret("the session's secrets are unreadable".into()))?
                .get(&target.id)
                .cloned()
                .ok_or_else(|| {
                    CmsError::NoSecret(format!(
                        "the secret of {} was kept for the last session only; give it again",
                        target.name
                    ))
                })?,
            SecretPlace::Keyring => entry(target.id)
                .and_then(|e| e.get_password())
                .map_err(|e| match e {
                    keyring::Error::NoEntry => CmsError::NoSecret(format!(
                        "the keyring holds no secret for {}; give it again in the target's settings",
                        target.name
                    )),
                    other => CmsError::NoSecret(format!(
                        "the secret of {} could not be read: {}",
                        target.name,
                        keyring_sentence(&other)
                    )),
                })?,
        };
        let secret = secret.trim().to_owned();
        if secret.is_empty() {
            return Err(CmsError::NoSecret(format!(
                "the secret of {} is empty",
                target.name
            )));
        }
        Ok(secret)
    }

    /// Keeps `secret` in the system keyring for `target`. When no keyring
    /// service answers, says so: the caller may then offer
    /// [`Secrets::keep_for_session`].
    pub fn store_in_keyring(
        &self,
        target: Uuid,
        secret: &str,
    ) -> std::result::Result<(), NoKeyring> {
        let entry = entry(target).map_err(|e| NoKeyring(keyring_sentence(&e)))?;
        entry
            .set_password(secret.trim())
            .map_err(|e| NoKeyring(keyring_sentence(&e)))?;
        // Some stores accept a write they cannot give back: read it to be sure.
        match entry.get_password() {
            Ok(back) if back == secret.trim() => Ok(()),
            Ok(_) | Err(_) => Err(NoKeyring("the keyring did not keep it".into())),
        }
    }

    /// Keeps `secret` in memory until the app quits.
    pub fn keep_for_session(&self, target: Uuid, secret: &str) {
        if let Ok(mut map) = self.session.lock() {
            map.insert(target, secret.trim().to_owned());
        }
    }

    /// Forgets the secret of `target`, wherever Dateline kept it.
    pub fn forget(&self, target: &Target) {
        if let Ok(mut map) = self.session.lock() {
            map.remove(&target.id);
        }
        if target.secret == SecretPlace::Keyring {
            if let Ok(e) = entry(target.id) {
                let _ = e.delete_credential();
            }
        }
    }
}

/// A secret as it may appear in an error: never.
pub(crate) fn redact(text: &str, secret: &str) -> String {
    if secret.len() < 4 {
        return text.to_owned();
    }
    text.replace(secret, "•••")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_store::{CmsKind, PostStatus};

    fn target(secret: SecretPlace) -> Target {
        Target {
            id: Uuid::now_v7(),
            name: "Site".into(),
            kind: CmsKind::Ghost,
            url: "https://site.example".into(),
            user: String::new(),
            secret,
            default_status: PostStatus::Draft,
            categories: Default::default(),
            tags: Default::default(),
        }
    }

    #[test]
    fn session_secrets_live_in_memory_only() {
        let secrets = Secrets::new();
        let t = target(SecretPlace::Session);
        let err = secrets.get(&t).unwrap_err();
        assert!(err.to_string().contains("give it again"), "{err}");
        secrets.keep_for_session(t.id, " abc:def ");
        assert_eq!(secrets.get(&t).unwrap(), "abc:def");
        secrets.forget(&t);
        assert!(secrets.get(&t).is_err());
    }

    #[test]
    fn env_secrets_are_read_at_each_use() {
        let t = target(SecretPlace::Env("DATELINE_TEST_SECRET_UNSET_1".into()));
        let err = Secrets::new().get(&t).unwrap_err();
        assert!(
            err.to_string().contains("$DATELINE_TEST_SECRET_UNSET_1"),
            "{err}"
        );
    }

    #[test]
    fn secrets_never_reach_a_sentence() {
        assert_eq!(
            redact("bad token abcd1234 here", "abcd1234"),
            "bad token ••• here"
        );
    }
}
