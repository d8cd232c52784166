//! Pushing to a real Ghost 6 (from the npm registry, SQLite), started by the
//! test: every field read back through the Admin API, updates in place,
//! Ghost's own collision check, a cut-off push, the outbox, authors matched
//! to staff, and the sentences for a wrong key and a site that is not Ghost.

#![allow(clippy::unwrap_used)]

mod support;

use base64::Engine;
use dateline_cms::{
    connect, test_target, CmsError, OnConflict, Outgoing, PushOutcome, RemoteStatus, Secrets,
};
use dateline_core::export::cms::PostOptions;
use dateline_store::CmsKind;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use support::{
    add_correction, add_target, edit_body, full_story, library, send_now, site_call, Server,
};

/// An Admin API token, made here as a person's script would.
fn token(key: &str) -> String {
    let (id, hex) = key.split_once(':').unwrap();
    let secret: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let now = chrono::Utc::now().timestamp();
    let head = b64.encode(json!({"alg": "HS256", "typ": "JWT", "kid": id}).to_string());
    let body = b64.encode(json!({"iat": now, "exp": now + 240, "aud": "/admin/"}).to_string());
    let mut mac = Hmac::<Sha256>::new_from_slice(&secret).unwrap();
    mac.update(format!("{head}.{body}").as_bytes());
    format!(
        "Ghost {head}.{body}.{}",
        b64.encode(mac.finalize().into_bytes())
    )
}

fn admin(server: &Server, path: &str) -> String {
    format!("{}/ghost/api/admin{path}", server.url)
}

fn read_post(server: &Server, id: &str) -> Value {
    let (status, body) = site_call(
        "GET",
        &admin(
            server,
            &format!("/posts/{id}/?formats=html,lexical&include=tags,authors"),
        ),
        &token(&server.secret),
        None,
    );
    assert_eq!(status, 200, "{body}");
    body["posts"][0].clone()
}

fn posts_with_slug(server: &Server, slug: &str) -> usize {
    let (_, body) = site_call(
        "GET",
        &admin(server, &format!("/posts/?filter=slug:'{slug}'")),
        &token(&server.secret),
        None,
    );
    body["posts"].as_array().map_or(0, Vec::len)
}

fn sent(outcome: &PushOutcome) -> (String, bool, usize) {
    match outcome {
        PushOutcome::Sent {
            remote_id,
            created,
            pictures_uploaded,
            ..
        } => (remote_id.clone(), *created, *pictures_uploaded),
        other => panic!("not sent: {other:?}"),
    }
}

#[test]
fn a_story_goes_to_ghost_with_every_field_and_is_updated_in_place() {
    let server = Server::ghost();
    let (_dir, lib) = library();
    server.target(&lib, "Ghost desk", "DATELINE_TEST_GHOST_1");
    let secrets = Secrets::new();
    let check = test_target(&lib, &secrets, "Ghost desk").unwrap();
    assert!(
        check
            .sentence
            .starts_with("Connected to Dateline Test Site"),
        "{}",
        check.sentence
    );

    let story = full_story(&lib, "Night ferry returns to the island route");
    let started = std::time::Instant::now();
    let (id, created, uploaded) = sent(&send_now(
        &lib,
        &secrets,
        story.id,
        "Ghost desk",
        OnConflict::Ask,
    ));
    eprintln!(
        "first push to Ghost, 3 pictures: {} ms",
        started.elapsed().as_millis()
    );
    assert!(created);
    assert_eq!(uploaded, 3);

    let post = read_post(&server, &id);
    assert_eq!(post["title"], story.headline);
    assert_eq!(post["custom_excerpt"], story.standfirst);
    assert_eq!(post["meta_title"], story.headlines.seo);
    assert_eq!(post["meta_description"], story.meta_description);
    assert_eq!(post["status"], "draft");
    assert_eq!(post["slug"], "night-ferry-returns-to-the-island-route");
    let image = post["feature_image"].as_str().unwrap();
    assert!(
        image.starts_with(&format!("{}/content/images/", server.url)),
        "{image}"
    );
    assert_eq!(post["feature_image_alt"], "The quay at night, view 1");
    assert_eq!(
        post["feature_image_caption"],
        "Picture 1 of the quay Photo: R. Osei"
    );
    let tags: Vec<&str> = post["tags"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert_eq!(
        tags,
        ["Local", "ferries", "islands"],
        "the section is the primary tag"
    );
    let html = post["html"].as_str().unwrap();
    assert!(html.contains("<p class=\"kicker\">Harbour</p>"), "{html}");
    assert!(
        html.contains("<p class=\"byline\">By Nadia Brennan</p>"),
        "{html}"
    );
    assert!(html.contains("PORTMERE"), "{html}");
    assert!(html.contains("<blockquote>"), "{html}");
    assert!(html.contains("<a href=\"https://ferries.example/timetable\">Winter timetable</a>"));
    assert_eq!(
        html.matches("/content/images/").count(),
        2,
        "two pictures in the body: {html}"
    );
    assert!(html.contains("alt=\"The quay at night, view 3\""), "{html}");
    assert!(!html.contains("Internal: check the fare"));

    edit_body(
        &lib,
        story.id,
        "The last boat left at 22:45 on the first night.",
    );
    add_correction(&lib, story.id, "An earlier version gave the time as 22:30.");
    let (id2, created, uploaded) = sent(&send_now(
        &lib,
        &secrets,
        story.id,
        "Ghost desk",
        OnConflict::Ask,
    ));
    assert_eq!((id2.as_str(), created, uploaded), (id.as_str(), false, 0));
    assert_eq!(
        posts_with_slug(&server, "night-ferry-returns-to-the-island-route"),
        1
    );
    assert!(read_post(&server, &id)["html"]
        .as_str()
        .unwrap()
        .contains("22:45 on the first night"));
    let corrected = format!("{}", read_post(&server, &id)["html"]);
    assert!(
        corrected.contains("Correction, ") && corrected.contains("gave the time as 22:30"),
        "the correction goes with the update: {corrected}"
    );

    // A byline that is a staff member of the site becomes the post's author.
    {
        let mut l = lib.lock().unwrap();
        let mut s = l.get_story(story.id).unwrap();
        s.bylines[0].name = "Dateline Editor".into();
        l.save_story(
            &s,
            dateline_store::SaveKind::Explicit,
            dateline_store::Origin::Cli,
        )
        .unwrap();
    }
    sent(&send_now(
        &lib,
        &secrets,
        story.id,
        "Ghost desk",
        OnConflict::Ask,
    ));
    let post = read_post(&server, &id);
    assert_eq!(post["authors"][0]["name"], "Dateline Editor");
    assert!(
        !post["html"].as_str().unwrap().contains("class=\"byline\""),
        "no byline line"
    );
}

#[test]
fn ghost_collisions_cut_off_pushes_and_a_wrong_key() {
    let server = Server::ghost();
    let (dir, lib) = library();
    let target = server.target(&lib, "Ghost desk", "DATELINE_TEST_GHOST_2");
    let secrets = Secrets::new();
    let story = full_story(&lib, "Council votes on the bridge");
    let (id, ..) = sent(&send_now(
        &lib,
        &secrets,
        story.id,
        "Ghost desk",
        OnConflict::Ask,
    ));

    // The web desk retitles the post in Ghost.
    let post = read_post(&server, &id);
    let (status, body) = site_call(
        "PUT",
        &admin(&server, &format!("/posts/{id}/")),
        &token(&server.secret),
        Some(
            &json!({"posts": [{"title": "Bridge vote: the web desk's title", "updated_at": post["updated_at"]}]}),
        ),
    );
    assert_eq!(status, 200, "{body}");
    edit_body(&lib, story.id, "The council voted 7–2.");
    let outcome = send_now(&lib, &secrets, story.id, "Ghost desk", OnConflict::Ask);
    assert!(
        matches!(outcome, PushOutcome::Conflict { .. }),
        "{outcome:?}"
    );
    let kept = send_now(&lib, &secrets, story.id, "Ghost desk", OnConflict::KeepSite);
    assert!(matches!(kept, PushOutcome::Kept { .. }), "{kept:?}");
    assert_eq!(
        read_post(&server, &id)["title"],
        "Bridge vote: the web desk's title"
    );
    sent(&send_now(
        &lib,
        &secrets,
        story.id,
        "Ghost desk",
        OnConflict::Overwrite,
    ));
    let post = read_post(&server, &id);
    assert_eq!(post["title"], "Council votes on the bridge");
    assert!(post["html"].as_str().unwrap().contains("voted 7–2"));

    // Ghost's own check: an update that names a post's old updated_at (the
    // site changed between Dateline's read and its write) is refused with
    // 409 UPDATE_COLLISION, which is a conflict, not a failure.
    let seen = post["updated_at"].as_str().unwrap().to_owned();
    // Ghost keeps times to the second: a change in the same second as the
    // one seen is no collision to Ghost (Dateline's digest catches those).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (status, body) = site_call(
        "PUT",
        &admin(&server, &format!("/posts/{id}/")),
        &token(&server.secret),
        Some(&json!({"posts": [{"title": "Bridge vote: edited again", "updated_at": seen}]})),
    );
    assert_eq!(status, 200, "{body}");
    let site = connect(&target, &server.secret).unwrap();
    let now = lib.lock().unwrap().get_story(story.id).unwrap();
    let out = Outgoing {
        post: dateline_core::export::cms::post(&now, &PostOptions::default()),
        status: RemoteStatus::Draft,
        featured: None,
        authors: Vec::new(),
        story_id: now.id.to_string(),
    };
    let refused = site.update(&id, &out, &seen).unwrap_err();
    assert!(matches!(refused, CmsError::Conflict { .. }), "{refused:?}");
    assert_eq!(
        read_post(&server, &id)["title"],
        "Bridge vote: edited again"
    );

    // Cut off after Ghost made the post, before the library recorded it.
    let other = full_story(&lib, "Storm closes the coast road");
    let (first, ..) = sent(&send_now(
        &lib,
        &secrets,
        other.id,
        "Ghost desk",
        OnConflict::Ask,
    ));
    rusqlite::Connection::open(dir.path().join("desk.dateline"))
        .unwrap()
        .execute(
            "DELETE FROM cms_posts WHERE story_id = ?1 AND target_id = ?2",
            [other.id.to_string(), target.id.to_string()],
        )
        .unwrap();
    let (again, created, _) = sent(&send_now(
        &lib,
        &secrets,
        other.id,
        "Ghost desk",
        OnConflict::Ask,
    ));
    assert_eq!((again.as_str(), created), (first.as_str(), false));
    assert_eq!(posts_with_slug(&server, "storm-closes-the-coast-road"), 1);

    // A key of the right shape that the site does not know.
    let wrong = format!("{}:{}", "ab".repeat(12), "cd".repeat(32));
    add_target(
        &lib,
        "Wrong key",
        CmsKind::Ghost,
        &server.url,
        "",
        "DATELINE_TEST_GHOST_3",
        &wrong,
    );
    let err = test_target(&lib, &secrets, "Wrong key")
        .unwrap_err()
        .to_string();
    assert!(err.contains("refused the Admin API key"), "{err}");
    assert!(!err.contains(&"cd".repeat(32)), "{err}");
    let failed = send_now(&lib, &secrets, story.id, "Wrong key", OnConflict::Ask);
    assert!(matches!(failed, PushOutcome::Failed { .. }), "{failed:?}");

    // A WordPress-less, Ghost-less site: the Ghost site's public pages
    // answer, but a path that is not Ghost's admin does not.
    add_target(
        &lib,
        "Not Ghost",
        CmsKind::Ghost,
        &format!("{}/blog", server.url),
        "",
        "DATELINE_TEST_GHOST_3",
        &wrong,
    );
    let err = test_target(&lib, &secrets, "Not Ghost")
        .unwrap_err()
        .to_string();
    assert!(err.contains("does not look like a Ghost site"), "{err}");
}

#[test]
fn the_ghost_outbox_sends_after_the_server_comes_back() {
    let server = Server::ghost();
    let (_dir, lib) = library();
    server.target(&lib, "Ghost desk", "DATELINE_TEST_GHOST_4");
    support::outbox_round_trip(&server, &lib, "Ghost desk", &|slug| {
        posts_with_slug(&server, slug)
    });
    let (_, body) = site_call(
        "GET",
        &admin(&server, "/posts/?filter=slug:'pier-reopens'&formats=html"),
        &token(&server.secret),
        None,
    );
    assert!(body["posts"][0]["html"]
        .as_str()
        .unwrap()
        .contains("new railings"));
}
