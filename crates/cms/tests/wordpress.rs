//! Pushing to a real WordPress (Debian's package, MariaDB, PHP's built-in
//! server), started by the test: every field read back through the REST
//! API, updates in place, conflicts, a cut-off push, the outbox, and the
//! sentences for a wrong password and a site that is not WordPress.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Instant;

use base64::Engine;
use dateline_cms::{test_target, OnConflict, PushOutcome, Secrets};
use dateline_store::CmsKind;
use serde_json::{json, Value};
use support::{
    add_correction, add_target, edit_body, full_story, library, send_now, site_call, Server,
};

fn auth(server: &Server) -> String {
    let pair = format!("{}:{}", server.user, server.secret);
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

fn read_post(server: &Server, id: &str) -> Value {
    let (status, post) = site_call(
        "GET",
        &format!("{}/wp-json/wp/v2/posts/{id}?context=edit", server.url),
        &auth(server),
        None,
    );
    assert_eq!(status, 200, "{post}");
    post
}

fn posts_with_slug(server: &Server, slug: &str) -> usize {
    let (_, posts) = site_call(
        "GET",
        &format!(
            "{}/wp-json/wp/v2/posts?slug={slug}&status=draft,publish,pending,private,future&context=edit",
            server.url
        ),
        &auth(server),
        None,
    );
    posts.as_array().map_or(0, Vec::len)
}

fn sent(outcome: &PushOutcome) -> (String, String, bool, usize) {
    match outcome {
        PushOutcome::Sent {
            remote_id,
            url,
            created,
            pictures_uploaded,
            ..
        } => (remote_id.clone(), url.clone(), *created, *pictures_uploaded),
        other => panic!("not sent: {other:?}"),
    }
}

#[test]
fn a_story_with_pictures_goes_up_as_a_draft_and_is_updated_in_place() {
    let server = Server::wordpress();
    let (_dir, lib) = library();
    server.target(&lib, "Harbour News", "DATELINE_TEST_WP_1");
    let secrets = Secrets::new();
    let story = full_story(&lib, "Night ferry returns to the island route");

    let check = test_target(&lib, &secrets, "Harbour News").unwrap();
    assert!(
        check.sentence.starts_with("Connected to "),
        "{}",
        check.sentence
    );

    let started = Instant::now();
    let outcome = send_now(&lib, &secrets, story.id, "Harbour News", OnConflict::Ask);
    let first = started.elapsed();
    let (id, url, created, uploaded) = sent(&outcome);
    assert!(created);
    assert_eq!(uploaded, 3);
    assert!(url.starts_with(&server.url), "{url}");
    eprintln!("first push, 3 pictures: {} ms", first.as_millis());

    // Every field, read back as WordPress keeps it.
    let post = read_post(&server, &id);
    assert_eq!(post["title"]["raw"], story.headline);
    assert_eq!(post["excerpt"]["raw"], story.standfirst);
    assert_eq!(post["status"], "draft");
    assert_eq!(post["slug"], "night-ferry-returns-to-the-island-route");
    let content = post["content"]["raw"].as_str().unwrap();
    assert!(
        content.starts_with("<p class=\"kicker\">Harbour</p>"),
        "{content}"
    );
    assert!(
        content.contains("PORTMERE"),
        "the dateline leads the body: {content}"
    );
    assert!(content.contains("The last boat of the day left the quay at 22:40."));
    assert!(
        content.contains("<h2 id=\"crews-found\">Crews found</h2>"),
        "{content}"
    );
    assert!(content.contains("<blockquote>"), "{content}");
    assert!(content.contains("<a href=\"https://ferries.example/timetable\">Winter timetable</a>"));
    assert!(content.contains(&format!("dateline:story {}", story.id)));
    assert!(
        !content.contains("Internal: check the fare"),
        "notes never leave"
    );
    // The author: Nadia Brennan is not a user of the site, so her byline is
    // in the body.
    assert!(
        content.contains("<p class=\"byline\">By Nadia Brennan</p>"),
        "{content}"
    );

    // Pictures: the hero featured, the others in the body, each with alt
    // text and caption and credit together.
    let featured = post["featured_media"].as_u64().unwrap();
    assert!(featured > 0);
    let (_, hero) = site_call(
        "GET",
        &format!("{}/wp-json/wp/v2/media/{featured}?context=edit", server.url),
        &auth(&server),
        None,
    );
    assert_eq!(hero["alt_text"], "The quay at night, view 1");
    assert_eq!(
        hero["caption"]["raw"],
        "Picture 1 of the quay Photo: R. Osei"
    );
    for n in [2, 3] {
        assert!(
            content.contains(&format!("alt=\"The quay at night, view {n}\"")),
            "{content}"
        );
        assert!(content.contains(&format!(
            "Picture {n} of the quay <span class=\"credit\">Photo: R. Osei</span>"
        )));
    }
    assert_eq!(
        content.matches("/wp-content/uploads/").count(),
        2,
        "{content}"
    );

    // Section as category, tags as tags.
    let category = post["categories"][0].as_u64().unwrap();
    let (_, cat) = site_call(
        "GET",
        &format!("{}/wp-json/wp/v2/categories/{category}", server.url),
        &auth(&server),
        None,
    );
    assert_eq!(cat["name"], "Local");
    assert_eq!(post["tags"].as_array().unwrap().len(), 2);

    // The library remembers where the story went.
    {
        let lib = lib.lock().unwrap();
        let went = lib.destinations(story.id).unwrap();
        assert_eq!(went[0].target, "Harbour News");
        assert_eq!(went[0].post.remote_id, id);
        let listed = lib.list_stories(&Default::default()).unwrap();
        assert_eq!(listed[0].sent_to, ["Harbour News"]);
    }

    // Edit and push again: the same post, no picture uploaded twice.
    edit_body(
        &lib,
        story.id,
        "The last boat left at 22:45 on the first night.",
    );
    add_correction(&lib, story.id, "An earlier version gave the time as 22:30.");
    let started = Instant::now();
    let again = send_now(&lib, &secrets, story.id, "Harbour News", OnConflict::Ask);
    eprintln!("second push (update): {} ms", started.elapsed().as_millis());
    let (id2, _, created, uploaded) = sent(&again);
    assert_eq!(id2, id);
    assert!(!created);
    assert_eq!(uploaded, 0);
    assert_eq!(
        posts_with_slug(&server, "night-ferry-returns-to-the-island-route"),
        1
    );
    let post = read_post(&server, &id);
    assert!(post["content"]["raw"]
        .as_str()
        .unwrap()
        .contains("22:45 on the first night"));
    let corrected = format!("{}", read_post(&server, &id)["content"]["raw"]);
    assert!(
        corrected.contains("Correction, ") && corrected.contains("gave the time as 22:30"),
        "the correction goes with the update: {corrected}"
    );
}

#[test]
fn a_post_changed_on_the_site_stops_the_push_until_the_reporter_chooses() {
    let server = Server::wordpress();
    let (_dir, lib) = library();
    server.target(&lib, "Site", "DATELINE_TEST_WP_2");
    let secrets = Secrets::new();
    let story = full_story(&lib, "Council votes on the bridge");
    let (id, ..) = sent(&send_now(&lib, &secrets, story.id, "Site", OnConflict::Ask));

    // Someone on the web desk retitles the post on the site.
    let (status, _) = site_call(
        "POST",
        &format!("{}/wp-json/wp/v2/posts/{id}", server.url),
        &auth(&server),
        Some(&json!({ "title": "Bridge vote: the web desk's title" })),
    );
    assert_eq!(status, 200);
    // WordPress keeps modification times to the second.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    edit_body(&lib, story.id, "The council voted 7–2.");

    let outcome = send_now(&lib, &secrets, story.id, "Site", OnConflict::Ask);
    let PushOutcome::Conflict { sentence, .. } = &outcome else {
        panic!("{outcome:?}")
    };
    assert!(
        sentence.contains("changed there since it was last sent"),
        "{sentence}"
    );
    assert_eq!(
        read_post(&server, &id)["title"]["raw"],
        "Bridge vote: the web desk's title"
    );

    let kept = send_now(&lib, &secrets, story.id, "Site", OnConflict::KeepSite);
    assert!(matches!(kept, PushOutcome::Kept { .. }), "{kept:?}");
    assert_eq!(
        read_post(&server, &id)["title"]["raw"],
        "Bridge vote: the web desk's title"
    );

    let over = send_now(&lib, &secrets, story.id, "Site", OnConflict::Overwrite);
    let (id2, ..) = sent(&over);
    assert_eq!(id2, id);
    let post = read_post(&server, &id);
    assert_eq!(post["title"]["raw"], "Council votes on the bridge");
    assert!(post["content"]["raw"]
        .as_str()
        .unwrap()
        .contains("voted 7–2"));
}

#[test]
fn a_push_cut_off_before_dateline_recorded_it_finds_its_post_again() {
    let server = Server::wordpress();
    let (dir, lib) = library();
    let target = server.target(&lib, "Site", "DATELINE_TEST_WP_3");
    let secrets = Secrets::new();
    let story = full_story(&lib, "Storm closes the coast road");
    let (id, ..) = sent(&send_now(&lib, &secrets, story.id, "Site", OnConflict::Ask));

    // The app was killed after WordPress made the post and before the
    // library recorded it: the record is not there.
    {
        let conn = rusqlite::Connection::open(dir.path().join("desk.dateline")).unwrap();
        conn.execute(
            "DELETE FROM cms_posts WHERE story_id = ?1 AND target_id = ?2",
            [story.id.to_string(), target.id.to_string()],
        )
        .unwrap();
    }
    assert!(lib
        .lock()
        .unwrap()
        .remote_post(story.id, target.id)
        .unwrap()
        .is_none());

    let (id2, _, created, _) = sent(&send_now(&lib, &secrets, story.id, "Site", OnConflict::Ask));
    assert_eq!(
        id2, id,
        "the same post, found by its slug and Dateline's mark"
    );
    assert!(!created);
    assert_eq!(posts_with_slug(&server, "storm-closes-the-coast-road"), 1);
}

#[test]
fn the_outbox_keeps_what_a_stopped_server_could_not_take_and_sends_it_later() {
    let server = Server::wordpress();
    let (_dir, lib) = library();
    server.target(&lib, "Site", "DATELINE_TEST_WP_4");
    support::outbox_round_trip(&server, &lib, "Site", &|slug| {
        posts_with_slug(&server, slug)
    });
    let (_, posts) = site_call(
        "GET",
        &format!(
            "{}/wp-json/wp/v2/posts?slug=pier-reopens&status=draft&context=edit",
            server.url
        ),
        &auth(&server),
        None,
    );
    assert!(posts[0]["content"]["raw"]
        .as_str()
        .unwrap()
        .contains("new railings"));
}

#[test]
fn a_wrong_password_and_a_site_that_is_not_wordpress_are_named() {
    let server = Server::wordpress();
    let (_dir, lib) = library();
    let secrets = Secrets::new();
    let wrong = "abcd efgh ijkl mnop qrst uvwx";
    add_target(
        &lib,
        "Wrong",
        CmsKind::WordPress,
        &server.url,
        &server.user,
        "DATELINE_TEST_WP_5",
        wrong,
    );
    let err = test_target(&lib, &secrets, "Wrong")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("refused the user name or application password"),
        "{err}"
    );
    assert!(
        !err.contains("abcd efgh"),
        "the secret is never repeated: {err}"
    );

    let story = full_story(&lib, "A story for the wrong site");
    let outcome = send_now(&lib, &secrets, story.id, "Wrong", OnConflict::Ask);
    let PushOutcome::Failed { error, .. } = &outcome else {
        panic!("{outcome:?}")
    };
    assert!(
        error.contains("refused the user name or application password"),
        "{error}"
    );
    assert!(
        lib.lock().unwrap().outbox().unwrap().is_empty(),
        "a refusal is not queued"
    );

    // The same site with its REST API turned off, as plugins do.
    let right = "DATELINE_TEST_WP_5_RIGHT";
    add_target(
        &lib,
        "Locked",
        CmsKind::WordPress,
        &server.url,
        &server.user,
        right,
        &server.secret,
    );
    std::fs::write(server.dir.path().join("rest-off"), "").unwrap();
    let err = test_target(&lib, &secrets, "Locked")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("is WordPress, but its REST API is turned off (rest_disabled)"),
        "{err}"
    );
    std::fs::remove_file(server.dir.path().join("rest-off")).unwrap();
    let check = test_target(&lib, &secrets, "Locked").unwrap();
    assert!(
        check.sentence.starts_with("Connected to"),
        "{}",
        check.sentence
    );

    // https:// to a site that speaks plain HTTP: no secure connection.
    let tls = server.url.replacen("http://", "https://", 1);
    add_target(
        &lib,
        "Not secure",
        CmsKind::WordPress,
        &tls,
        &server.user,
        right,
        &server.secret,
    );
    let err = test_target(&lib, &secrets, "Not secure")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Not secure: the secure connection failed"),
        "{err}"
    );

    // A web server that is not WordPress.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for stream in listener.incoming().flatten().take(4) {
            let mut stream = stream;
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let body = "<html><body>A bakery's home page</body></html>";
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    let bakery = format!("http://127.0.0.1:{port}");
    add_target(
        &lib,
        "Bakery",
        CmsKind::WordPress,
        &bakery,
        "x",
        "DATELINE_TEST_WP_5",
        wrong,
    );
    let err = test_target(&lib, &secrets, "Bakery")
        .unwrap_err()
        .to_string();
    assert!(err.contains("does not look like a WordPress site"), "{err}");
}

#[test]
fn sections_and_tags_go_by_the_sites_names_and_yoast_takes_the_seo_fields() {
    let server = Server::wordpress();
    let (_dir, lib) = library();
    let mut target = server.target(&lib, "City desk", "DATELINE_TEST_WP_6");
    target.categories = [("local".to_owned(), "City news".to_owned())].into();
    target.tags = [
        ("Ferries".to_owned(), "Boats & ferries".to_owned()),
        ("islands".to_owned(), String::new()),
    ]
    .into();
    lib.lock().unwrap().update_target(&target).unwrap();
    // This site registers Yoast's fields for the REST API.
    std::fs::write(server.dir.path().join("seo-fields"), "").unwrap();
    let secrets = Secrets::new();
    let story = full_story(&lib, "Night ferry returns");
    let (id, ..) = sent(&send_now(
        &lib,
        &secrets,
        story.id,
        "City desk",
        OnConflict::Ask,
    ));
    let post = read_post(&server, &id);
    let name_of = |taxonomy: &str, id: &Value| {
        let (_, term) = site_call(
            "GET",
            &format!(
                "{}/wp-json/wp/v2/{taxonomy}/{}",
                server.url,
                id.as_u64().unwrap()
            ),
            &auth(&server),
            None,
        );
        term["name"].as_str().unwrap().to_owned()
    };
    let categories: Vec<String> = post["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| name_of("categories", c))
        .collect();
    assert_eq!(categories, ["City news"]);
    let tags: Vec<String> = post["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| name_of("tags", t))
        .collect();
    // WordPress keeps "&" as an entity in a term's name.
    assert_eq!(tags, ["Boats &amp; ferries"], "islands is left out");
    assert_eq!(
        post["meta"]["_yoast_wpseo_title"],
        "Night ferry returns | Harbour desk"
    );
    assert_eq!(
        post["meta"]["_yoast_wpseo_metadesc"],
        "The 22:40 ferry to the islands runs again from Monday, the operator said."
    );
    assert_eq!(
        post["excerpt"]["raw"], "The night crossing returns after a winter without crews.",
        "the standfirst stays the excerpt"
    );
}
