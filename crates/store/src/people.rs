//! Who works in this library, and the library's own identity: the
//! `library_meta` table. Every revision, comment, suggestion and package is
//! signed with the person's name; packages name their library by its id.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::Library;

/// The longest name a person can give (characters, after trimming).
pub const MAX_PERSON_NAME: usize = 80;
/// The longest initials (characters).
pub const MAX_INITIALS: usize = 4;

/// The person working in this library.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub name: String,
    pub initials: String,
    /// `false` while the name is the system user's, not one the person gave.
    pub chosen: bool,
}

impl Person {
    /// The person as the system knows them: the user name (`USER`, then
    /// `USERNAME`, then `LOGNAME`), else "Reporter".
    pub fn from_system() -> Person {
        let name = ["USER", "USERNAME", "LOGNAME"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .map(|v| clip(v.trim(), MAX_PERSON_NAME))
            .find(|v| !v.is_empty() && !v.chars().any(char::is_control))
            .unwrap_or_else(|| "Reporter".to_owned());
        Person {
            initials: initials_of(&name),
            name,
            chosen: false,
        }
    }
}

fn clip(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// The first letters of up to three words, upper-case: "Ada Reyes" is "AR".
pub fn initials_of(name: &str) -> String {
    let initials: String = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '.')
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(3)
        .flat_map(char::to_uppercase)
        .collect();
    if initials.is_empty() {
        "?".to_owned()
    } else {
        clip(&initials, MAX_INITIALS)
    }
}

pub(crate) fn get_meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM library_meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO library_meta (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

/// The library's person: the one stored, else the system user.
pub(crate) fn person(conn: &Connection) -> Result<Person> {
    match get_meta(conn, "person_name")?.filter(|n| !n.trim().is_empty()) {
        Some(name) => {
            let initials = get_meta(conn, "person_initials")?
                .filter(|i| !i.trim().is_empty())
                .unwrap_or_else(|| initials_of(&name));
            Ok(Person {
                name,
                initials,
                chosen: true,
            })
        }
        None => Ok(Person::from_system()),
    }
}

/// The name revisions and decisions are signed with.
pub(crate) fn person_name(conn: &Connection) -> Result<String> {
    Ok(person(conn)?.name)
}

/// The library's id, made (a UUID) the first time it is needed.
pub(crate) fn library_id(conn: &Connection) -> Result<String> {
    if let Some(id) = get_meta(conn, "library_id")? {
        return Ok(id);
    }
    conn.prepare_cached(
        "INSERT OR IGNORE INTO library_meta (key, value) VALUES ('library_id', ?1)",
    )?
    .execute([uuid::Uuid::now_v7().to_string()])?;
    get_meta(conn, "library_id")?.ok_or_else(|| StoreError::Decode("library_id".into()))
}

fn invalid(field: &str, message: String) -> StoreError {
    StoreError::Invalid(dateline_core::ModelError::BadValue {
        field: field.into(),
        message,
    })
}

impl Library {
    /// The person working in this library: the name they gave, else the
    /// system user's (`chosen` is then `false`).
    pub fn person(&self) -> Result<Person> {
        person(&self.conn)
    }

    /// Sets the person's name (1 to 80 characters) and initials (at most 4;
    /// taken from the name when `None` or empty).
    pub fn set_person(&mut self, name: &str, initials: Option<&str>) -> Result<Person> {
        let name = dateline_core::text::clean(name.trim()).trim().to_owned();
        if name.is_empty() {
            return Err(invalid(
                "name",
                "a name is needed (it signs your comments and revisions)".into(),
            ));
        }
        if name.chars().count() > MAX_PERSON_NAME {
            return Err(invalid(
                "name",
                format!(
                    "it is {} characters long; the limit is {MAX_PERSON_NAME}",
                    name.chars().count()
                ),
            ));
        }
        if name.contains('\n') {
            return Err(invalid("name", "a name is one line".into()));
        }
        let initials = match initials.map(str::trim).filter(|i| !i.is_empty()) {
            Some(given) => {
                if given.chars().count() > MAX_INITIALS
                    || given.chars().any(|c| c.is_control() || c.is_whitespace())
                {
                    return Err(invalid(
                        "initials",
                        format!(
                            "{given:?} is not usable as initials (at most {MAX_INITIALS} letters, no spaces)"
                        ),
                    ));
                }
                given.to_owned()
            }
            None => initials_of(&name),
        };
        let tx = self.write_transaction()?;
        set_meta(&tx, "person_name", &name)?;
        set_meta(&tx, "person_initials", &initials)?;
        tx.commit()?;
        Ok(Person {
            name,
            initials,
            chosen: true,
        })
    }

    /// This library's id (a UUID, made the first time it is asked for):
    /// packages name the library a story was first sent from by it.
    pub fn library_id(&self) -> Result<String> {
        library_id(&self.conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_come_from_up_to_three_words() {
        assert_eq!(initials_of("Ada Reyes"), "AR");
        assert_eq!(initials_of("ada maria de la reyes"), "AMD");
        assert_eq!(initials_of("jean-luc picard"), "JLP");
        assert_eq!(initials_of("  "), "?");
        assert_eq!(initials_of("émile zola"), "ÉZ");
    }
}
