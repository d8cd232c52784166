//! The exports as real consumers take them, made through the `dateline` CLI
//! from imported stories: the Nu HTML Checker reads the HTML, a real Hugo builds
//! the Markdown, and the WXR parses as XML. (ninjs and ANS are checked against
//! their official schemas in the core's tests.) `./dev test` installs the tools.
//! Drafts are built with `--buildDrafts`: an export from the desk is a draft
//! until the site publishes it.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

fn dateline(library: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("--library")
        .arg(library)
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "dateline {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A library holding the fixture stories (Markdown with and without its
/// picture, and a pasted web page), with every format exported.
fn exported(dir: &Path) -> PathBuf {
    let lib = dir.join("lib.dateline");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let files = [
        fixtures.join("harbour-with-picture.md"),
        fixtures.join("harbour.md"),
        fixtures.join("night-market.txt"),
    ];
    let mut args = vec!["import".to_owned()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    dateline(&lib, &args);
    let out = dir.join("out");
    for format in ["html", "md", "ninjs", "ans", "wxr"] {
        let folder = out.join(format);
        dateline(
            &lib,
            &[
                "export",
                "--all",
                "--format",
                format,
                "--out",
                folder.to_str().unwrap(),
            ],
        );
    }
    out
}

/// Every file under `dir` ending in `suffix`, subfolders included: two stories
/// with the same slug are exported into folders named by id.
fn files_with(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.to_string_lossy().ends_with(suffix) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn exported_html_passes_the_nu_html_checker() {
    let jar = root().join("tools/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.exists(),
        "the Nu HTML Checker is not installed ({}): run ./dev test",
        jar.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let out = exported(dir.path());
    let mut pages = files_with(&out.join("html"), ".html");
    // The preview is checked too: it is the same template.
    let lib = dir.path().join("lib.dateline");
    let first = dateline(&lib, &["list"]).lines().next().unwrap()[..36].to_owned();
    let preview = dir.path().join("preview.html");
    dateline(
        &lib,
        &["render", &first, "--out", preview.to_str().unwrap()],
    );
    pages.push(preview);
    assert_eq!(pages.len(), 4, "three stories and a preview: {pages:?}");
    let o = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "text"])
        .args(&pages)
        .output()
        .expect("java runs the checker");
    assert!(
        o.status.success(),
        "the Nu HTML Checker found errors:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    // The story with a picture carries it inline.
    assert!(
        pages.iter().any(|p| std::fs::read_to_string(p)
            .unwrap()
            .contains("data:image/png;base64,")),
        "pictures are inlined"
    );
}

#[test]
fn exported_markdown_builds_with_hugo() {
    let dir = tempfile::tempdir().unwrap();
    let out = exported(dir.path());
    let site = dir.path().join("site");
    let posts = site.join("content/posts");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::create_dir_all(site.join("layouts/_default")).unwrap();
    std::fs::write(
        site.join("config.toml"),
        "baseURL = 'http://localhost/'\ntitle = 'Dateline test'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n",
    )
    .unwrap();
    // A minimal theme that shows what a reader sees of a story.
    std::fs::write(
        site.join("layouts/_default/single.html"),
        r#"<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>
<p class="kicker">{{ .Params.kicker }}</p><h1>{{ .Title }}</h1>
<p class="standfirst">{{ .Params.standfirst }}</p>
{{ range .Params.images }}<figure><img src="{{ .src }}" alt="{{ .alt_text }}"><figcaption>{{ .caption }} <span class="credit">{{ .credit }}</span></figcaption></figure>{{ end }}
{{ .Content }}
</body></html>"#,
    )
    .unwrap();
    std::fs::write(site.join("layouts/_default/list.html"), "{{ .Title }}").unwrap();
    for entry in std::fs::read_dir(out.join("md")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            // The second story with the same headline, in its own folder.
            continue;
        }
        std::fs::copy(&path, posts.join(path.file_name().unwrap())).unwrap();
    }
    let o = Command::new("hugo")
        .args(["--quiet", "--buildDrafts", "--buildFuture", "-s"])
        .arg(&site)
        .output()
        .expect("hugo is installed (./dev test installs it)");
    assert!(
        o.status.success(),
        "hugo failed:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let page = std::fs::read_to_string(
        site.join("public/posts/ferry-service-resumes-after-a-week-of-gales/index.html"),
    )
    .expect("hugo wrote the story's page");
    for part in [
        "Ferry service resumes after a week of gales",
        "The harbour reopened at dawn after the longest closure in a decade.",
        "The first boat leaves the harbour.",
        "Photo: Ben Rowe",
        "<h2",
        "Boats will run every hour",
    ] {
        assert!(page.contains(part), "the Hugo page lacks {part:?}:\n{page}");
    }
    let picture = out
        .join("md")
        .join("ferry-service-resumes-after-a-week-of-gales-1.png");
    assert!(
        picture.exists(),
        "the picture is written beside the Markdown"
    );
}

#[test]
fn exported_wxr_is_well_formed_with_every_story() {
    let dir = tempfile::tempdir().unwrap();
    let out = exported(dir.path());
    let text = std::fs::read_to_string(out.join("wxr/stories.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("WXR is well-formed XML");
    let items = doc.descendants().filter(|n| n.has_tag_name("item")).count();
    // Three stories plus an attachment for the one picture with a file.
    assert_eq!(items, 4, "{items} items");
    assert!(
        text.contains("<wp:status><![CDATA[draft]]></wp:status>")
            || text.contains("<wp:status>draft</wp:status>")
    );
    assert!(text.contains("_wp_attachment_image_alt"));
}
