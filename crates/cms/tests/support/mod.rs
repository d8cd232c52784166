//! Real CMS servers for the tests, started and stopped by the harness
//! scripts in `tests/cms/` (a WordPress from Debian's packages on PHP's
//! built-in server, a Ghost from the npm registry). No test talks to a fake.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use dateline_core::{Byline, Dateline, Media, RelatedLink, Story, StoryId};
use dateline_store::{CmsKind, Library, NewTarget, Origin, SecretPlace};
use serde_json::Value;

/// A running site. Stopped when dropped.
pub struct Server {
    pub kind: CmsKind,
    pub url: String,
    pub user: String,
    pub secret: String,
    pub info: Value,
    pub dir: tempfile::TempDir,
    script: PathBuf,
}

/// `tests/cms/NAME` at the workspace's root, whichever crate's tests include
/// this module.
fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|dir| dir.join("tests/cms").join(name))
        .find(|path| path.is_file())
        .unwrap_or_else(|| {
            panic!(
                "tests/cms/{name} not found above {}",
                env!("CARGO_MANIFEST_DIR")
            )
        })
}

/// A port nobody listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

fn run(script: &Path, args: &[&str]) -> Value {
    let out = Command::new("bash")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} {args:?} failed:\n{}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'))
        .unwrap_or("{}");
    serde_json::from_str(last).unwrap()
}

impl Server {
    fn start(kind: CmsKind) -> Server {
        let name = match kind {
            CmsKind::WordPress => "wordpress.sh",
            CmsKind::Ghost => "ghost.sh",
        };
        let script = script(name);
        // Short: MariaDB's socket path must stay under 108 bytes.
        let dir = tempfile::Builder::new()
            .prefix("dl-cms-")
            .tempdir_in("/tmp")
            .unwrap();
        let port = free_port().to_string();
        let info = run(&script, &["start", &dir.path().to_string_lossy(), &port]);
        let text = |k: &str| {
            info.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let (user, secret) = match kind {
            CmsKind::WordPress => (text("user"), text("password")),
            CmsKind::Ghost => (String::new(), text("admin_key")),
        };
        Server {
            kind,
            url: text("url"),
            user,
            secret,
            info,
            dir,
            script,
        }
    }

    pub fn wordpress() -> Server {
        Server::start(CmsKind::WordPress)
    }

    pub fn ghost() -> Server {
        Server::start(CmsKind::Ghost)
    }

    /// Stops the server, keeping its site.
    pub fn stop(&self) {
        run(&self.script, &["stop", &self.dir.path().to_string_lossy()]);
    }

    /// Starts the same site again, on its old port.
    pub fn restart(&self) {
        run(
            &self.script,
            &["restart", &self.dir.path().to_string_lossy()],
        );
    }

    /// A target for this site in `lib`, its secret in the environment
    /// variable `var` (tests run in parallel: one variable each).
    pub fn target(&self, lib: &Mutex<Library>, name: &str, var: &str) -> dateline_store::Target {
        add_target(
            lib,
            name,
            self.kind,
            &self.url,
            &self.user,
            var,
            &self.secret,
        )
    }
}

/// Adds a target whose secret is `secret`, read from the environment
/// variable `var`.
pub fn add_target(
    lib: &Mutex<Library>,
    name: &str,
    kind: CmsKind,
    url: &str,
    user: &str,
    var: &str,
    secret: &str,
) -> dateline_store::Target {
    std::env::set_var(var, secret);
    lib.lock()
        .unwrap()
        .add_target(&NewTarget {
            name: name.into(),
            kind: Some(kind),
            url: url.into(),
            user: user.into(),
            secret: Some(SecretPlace::Env(var.into())),
            ..NewTarget::default()
        })
        .unwrap()
}

impl Server {}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(&self.script)
            .args(["stop", &self.dir.path().to_string_lossy()])
            .output();
    }
}

/// A library in a temporary file.
pub fn library() -> (tempfile::TempDir, Mutex<Library>) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path().join("desk.dateline")).unwrap();
    (dir, Mutex::new(lib))
}

pub const PICTURES: [(&str, &[u8]); 3] = [
    ("steelblue.png", include_bytes!("../fixtures/steelblue.png")),
    (
        "darkorange.png",
        include_bytes!("../fixtures/darkorange.png"),
    ),
    ("seagreen.png", include_bytes!("../fixtures/seagreen.png")),
];

/// A story with every part a desk fills, three pictures (the first the
/// hero), a dateline, bylines, tags, related links and an internal note.
pub fn full_story(lib: &Mutex<Library>, headline: &str) -> Story {
    let mut lib = lib.lock().unwrap();
    let mut story = Story::new(headline);
    story.kicker = "Harbour".into();
    story.standfirst = "The night crossing returns after a winter without crews.".into();
    story.headlines.seo = format!("{headline} | Harbour desk");
    story.meta_description =
        "The 22:40 ferry to the islands runs again from Monday, the operator said.".into();
    story.section = "Local".into();
    story.tags = vec!["ferries".into(), "islands".into()];
    story.bylines = vec![Byline {
        name: "Nadia Brennan".into(),
        role: "Transport reporter".into(),
        url: None,
    }];
    story.dateline = Dateline {
        place: "Portmere".into(),
        date: None,
    };
    story.body = "The last boat of the day left the quay at 22:40.\n\n## Crews found\n\n\
                  > We hired eleven people in a month, the operator said.\n\nTickets go on sale on Friday."
        .into();
    story.related = vec![RelatedLink {
        title: "Winter timetable".into(),
        url: "https://ferries.example/timetable".into(),
        summary: "Every crossing until March".into(),
    }];
    for (i, (name, bytes)) in PICTURES.iter().enumerate() {
        let file = lib.put_media_file(name, bytes).unwrap();
        story.media.push(Media {
            file: Some(file),
            caption: format!("Picture {} of the quay", i + 1),
            credit: "Photo: R. Osei".into(),
            alt_text: format!("The quay at night, view {}", i + 1),
            hero: i == 0,
            ..Media::default()
        });
    }
    story.notes.push(dateline_core::Note {
        text: "Internal: check the fare with the operator".into(),
        ..dateline_core::Note::default()
    });
    lib.create_story(&story, Origin::Cli).unwrap()
}

/// Changes a story's body, as a reporter does between pushes.
pub fn edit_body(lib: &Mutex<Library>, id: StoryId, body: &str) -> Story {
    let mut lib = lib.lock().unwrap();
    let mut story = lib.get_story(id).unwrap();
    story.body = body.into();
    lib.save_story(&story, dateline_store::SaveKind::Explicit, Origin::Cli)
        .unwrap()
}

/// A GET or a request with a JSON body, straight to the site (not through
/// Dateline's client), to read back and change posts as a person on the
/// site would.
pub fn site_call(method: &str, url: &str, auth: &str, body: Option<&Value>) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut reply = match (method, body) {
        ("GET", _) => agent.get(url).header("Authorization", auth).call(),
        ("PUT", Some(b)) => agent
            .put(url)
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .send(b.to_string()),
        (_, b) => agent
            .post(url)
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .send(b.map(Value::to_string).unwrap_or_default()),
    }
    .unwrap();
    let status = reply.status().as_u16();
    let text = reply.body_mut().read_to_string().unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Pushes `story` to `target` at once, no progress shown.
pub fn send_now(
    lib: &Mutex<Library>,
    secrets: &dateline_cms::Secrets,
    story: StoryId,
    target: &str,
    on_conflict: dateline_cms::OnConflict,
) -> dateline_cms::PushOutcome {
    dateline_cms::push(lib, secrets, story, target, on_conflict, &|_| {})
}

/// Three stories pushed in one batch while the server stops after the
/// first: the other two wait in the outbox (tried again, still down), one
/// of them is edited meanwhile, and once the server is back the outbox sends
/// both, as they are now, with no duplicates (`posts_with_slug` counts the
/// site's posts of a slug).
pub fn outbox_round_trip(
    server: &Server,
    lib: &Mutex<Library>,
    target: &str,
    posts_with_slug: &dyn Fn(&str) -> usize,
) {
    use dateline_cms::{push_many, send_outbox, OnConflict, PushOutcome, Secrets};
    let secrets = Secrets::new();
    let stories: Vec<_> = ["Ferry fares rise", "Lighthouse repainted", "Pier reopens"]
        .iter()
        .map(|h| full_story(lib, h).id)
        .collect();
    let stopped = std::cell::Cell::new(false);
    let outcomes = push_many(lib, &secrets, &stories, target, OnConflict::Ask, &|p| {
        if p.done == 1 && !stopped.get() {
            server.stop();
            stopped.set(true);
        }
    });
    assert!(
        matches!(outcomes[0], PushOutcome::Sent { .. }),
        "{:?}",
        outcomes[0]
    );
    for o in &outcomes[1..] {
        let PushOutcome::Queued { reason, .. } = o else {
            panic!("{o:?}")
        };
        assert!(reason.contains("could not be reached"), "{reason}");
    }
    let queued = lib.lock().unwrap().outbox().unwrap();
    assert_eq!(queued.len(), 2);
    assert!(queued.iter().all(|e| e.attempts == 1 && !e.held));

    // Still down: the outbox tries once a round, keeps both, counts the attempt.
    let still = send_outbox(lib, &secrets, true, &|_| {}).unwrap();
    assert_eq!(still.len(), 1, "one unreachable site is tried once a round");
    assert_eq!(lib.lock().unwrap().outbox().unwrap()[0].attempts, 2);

    // A queued story edited meanwhile goes as it is now.
    edit_body(lib, stories[2], "The pier reopened with new railings.");

    server.restart();
    let later = send_outbox(lib, &secrets, true, &|_| {}).unwrap();
    assert_eq!(later.len(), 2);
    assert!(
        later
            .iter()
            .all(|o| matches!(o, PushOutcome::Sent { created: true, .. })),
        "{later:?}"
    );
    assert!(lib.lock().unwrap().outbox().unwrap().is_empty());
    for slug in ["ferry-fares-rise", "lighthouse-repainted", "pier-reopens"] {
        assert_eq!(posts_with_slug(slug), 1, "{slug}: no duplicates");
    }
}

/// Adds a public correction to a story, as the desk does after publication.
pub fn add_correction(lib: &Mutex<Library>, id: StoryId, text: &str) -> Story {
    let mut lib = lib.lock().unwrap();
    let mut story = lib.get_story(id).unwrap();
    story.corrections.push(dateline_core::Correction {
        kind: dateline_core::CorrectionKind::Correction,
        text: text.into(),
        ..dateline_core::Correction::default()
    });
    lib.save_story(&story, dateline_store::SaveKind::Explicit, Origin::Cli)
        .unwrap()
}
