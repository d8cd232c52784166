//! The ninjs and ANS exports checked by a real JSON Schema validator against
//! the official schemas kept in `tests/schemas` (see its README for where they
//! come from), with formats (`uri`, `date-time`) checked too. ANS `$ref`s are
//! absolute URLs; a local retriever maps them to the folder, so no network is
//! used and nothing outside the repository is read.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod story_fixtures;

use std::path::PathBuf;

use dateline_core::export::{ans, ninjs, ExportOptions};
use dateline_core::Story;
use jsonschema::{Retrieve, Uri, Validator};
use serde_json::Value;
use story_fixtures::{full, hostile, media_bytes, minimal};

const ANS_PREFIX: &str =
    "https://raw.githubusercontent.com/washingtonpost/ans-schema/master/src/main/resources/schema/ans/0.10.12/";

fn schemas() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schemas"))
}

fn read_json(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Serves the ANS schema folder for its absolute `$ref` URLs.
struct LocalAns;

impl Retrieve for LocalAns {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let uri = uri.as_str();
        let path = uri
            .strip_prefix(ANS_PREFIX)
            .ok_or_else(|| format!("no local copy of {uri}"))?;
        let path = path.split('#').next().unwrap_or(path);
        Ok(read_json(schemas().join("ans/0.10.12").join(path)))
    }
}

fn ans_validator(path: &str) -> Validator {
    let schema = read_json(schemas().join("ans/0.10.12").join(path));
    jsonschema::options()
        .with_retriever(LocalAns)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("ANS {path} does not compile: {e}"))
}

/// ninjs refers to the GeoJSON schema for `places[].geojson`, which is not
/// kept here and Dateline never writes (checked below); an accept-all
/// stand-in lets the rest of the schema be checked offline.
struct NoGeoJson;

impl Retrieve for NoGeoJson {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        match uri.as_str() {
            "https://geojson.org/schema/GeoJSON.json" => Ok(serde_json::json!({})),
            other => Err(format!("no local copy of {other}").into()),
        }
    }
}

fn ninjs_validator() -> Validator {
    let schema = read_json(schemas().join("ninjs/ninjs-schema_2.2.json"));
    jsonschema::options()
        .with_retriever(NoGeoJson)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("the ninjs schema does not compile: {e}"))
}

fn assert_valid(validator: &Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is invalid:\n{}\n{}",
        errors.join("\n"),
        serde_json::to_string_pretty(doc).unwrap_or_default()
    );
}

fn fixtures() -> [(&'static str, Story); 3] {
    [
        ("full", full()),
        ("minimal", minimal()),
        ("hostile", hostile()),
    ]
}

fn option_sets() -> [ExportOptions<'static>; 2] {
    [
        ExportOptions {
            media_bytes: &media_bytes,
            ..ExportOptions::default()
        },
        ExportOptions {
            media_bytes: &media_bytes,
            media_base_url: Some("https://cdn.news.example/pictures/".into()),
            ..ExportOptions::default()
        },
    ]
}

#[test]
fn ninjs_validates_against_the_iptc_schema() {
    let validator = ninjs_validator();
    for (name, story) in fixtures() {
        for opts in option_sets() {
            let doc = ninjs::to_ninjs(&story, &opts);
            assert_valid(&validator, &doc, &format!("ninjs of {name}"));
            assert!(
                doc.get("places").is_none(),
                "the GeoJSON stand-in would hide errors"
            );
        }
    }
}

#[test]
fn the_ninjs_validator_is_not_a_rubber_stamp() {
    let validator = ninjs_validator();
    let mut doc = ninjs::to_ninjs(&full(), &ExportOptions::default());
    assert!(validator.is_valid(&doc));
    doc["links"] = serde_json::json!([]);
    assert!(!validator.is_valid(&doc), "ninjs has no links field");
    let mut doc = ninjs::to_ninjs(&full(), &ExportOptions::default());
    doc["uri"] = serde_json::json!("not a uri");
    assert!(!validator.is_valid(&doc), "formats are checked");
}

#[test]
fn ans_validates_against_the_story_schema() {
    let validator = ans_validator("story.json");
    for (name, story) in fixtures() {
        for opts in option_sets() {
            let doc = ans::to_ans(&story, &opts);
            assert_valid(&validator, &doc, &format!("ANS of {name}"));
        }
    }
}

#[test]
fn the_ans_validator_is_not_a_rubber_stamp() {
    let validator = ans_validator("story.json");
    let good = ans::to_ans(&full(), &ExportOptions::default());
    assert!(validator.is_valid(&good));
    let mut doc = good.clone();
    doc["version"] = serde_json::json!("0.10.11");
    assert!(!validator.is_valid(&doc), "the version is checked");
    let mut doc = good.clone();
    doc["label"]["basic"] = serde_json::json!({"display": true});
    assert!(
        !validator.is_valid(&doc),
        "a label needs its text ($ref followed)"
    );
    let mut doc = good;
    doc["created_date"] = serde_json::json!("yesterday");
    assert!(!validator.is_valid(&doc), "formats are checked");
}

/// `story.json` checks content elements only loosely (any object with a
/// `type`); each element is checked here against its own schema.
#[test]
fn ans_elements_validate_against_their_own_schemas() {
    let by_type = [
        ("text", ans_validator("story_elements/text.json")),
        ("header", ans_validator("story_elements/header.json")),
        ("quote", ans_validator("story_elements/quote.json")),
        ("list", ans_validator("story_elements/list.json")),
        ("link_list", ans_validator("story_elements/link_list.json")),
        ("raw_html", ans_validator("story_elements/raw_html.json")),
        ("divider", ans_validator("story_elements/divider.json")),
        ("code", ans_validator("story_elements/code.json")),
        ("image", ans_validator("image.json")),
    ];
    let image = &by_type[8].1;
    let mut seen = std::collections::BTreeSet::new();
    let mut stories: Vec<(&str, Story)> = fixtures().into_iter().collect();
    let mut every_kind = minimal();
    every_kind.body = "Para.\n\n## Head\n\n> quote\n\n1. one\n2. two\n\n- a\n  - nested\n\n---\n\n```rust\nfn x() {}\n```\n\n<div>raw</div>".into();
    stories.push(("every kind", every_kind));
    for (name, story) in stories {
        let doc = ans::to_ans(&story, &option_sets()[1]);
        for element in doc["content_elements"].as_array().into_iter().flatten() {
            let kind = element["type"].as_str().unwrap_or_default();
            let (_, validator) = by_type
                .iter()
                .find(|(t, _)| *t == kind)
                .unwrap_or_else(|| panic!("{name}: unexpected element type {kind}"));
            assert_valid(validator, element, &format!("{name}: {kind} element"));
            seen.insert(kind.to_owned());
        }
        if let Some(promo) = doc["promo_items"].get("basic") {
            assert_valid(image, promo, &format!("{name}: promo image"));
        }
    }
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        [
            "code",
            "divider",
            "header",
            "image",
            "link_list",
            "list",
            "quote",
            "raw_html",
            "text"
        ]
    );
}

#[test]
fn many_related_links_split_into_lists_of_ten() {
    let mut story = full();
    story.related = (1..=23)
        .map(|i| dateline_core::RelatedLink {
            title: format!("Link {i}"),
            url: format!("https://news.example/{i}"),
            summary: String::new(),
        })
        .collect();
    let doc = ans::to_ans(&story, &ExportOptions::default());
    let lists: Vec<usize> = doc["content_elements"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["type"] == "link_list")
        .filter_map(|e| e["items"].as_array().map(Vec::len))
        .collect();
    assert_eq!(lists, [10, 10, 3]);
    assert_valid(&ans_validator("story.json"), &doc, "ANS with 23 links");
}

/// Real pasted copy (the import fixtures), imported and exported: whatever the
/// importer makes of it still validates.
#[test]
fn pasted_stories_validate_in_both_schemas() {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pasted"
    ));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 3,
        "the pasted fixtures are in {}",
        dir.display()
    );
    let ninjs = ninjs_validator();
    let ans = ans_validator("story.json");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let story = dateline_core::import::import_bytes(&name, &std::fs::read(&path).unwrap())
            .unwrap_or_else(|e| panic!("{name} imports: {e}"))
            .story;
        for opts in option_sets() {
            assert_valid(
                &ninjs,
                &ninjs::to_ninjs(&story, &opts),
                &format!("ninjs of {name}"),
            );
            assert_valid(&ans, &ans::to_ans(&story, &opts), &format!("ANS of {name}"));
        }
    }
}
