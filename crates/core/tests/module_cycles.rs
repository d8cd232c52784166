//! No circles between the top-level modules of any workspace crate (issue
//! "one way to do each thing" §3): if `render` uses `export`, `export` may use
//! `render` but not the other way round.
//!
//! Each crate's sources are read as text: a file `src/a.rs`, `src/a/mod.rs`
//! or `src/a/b/c.rs` belongs to module `a`. Module `a` depends on `b` when its
//! code names `crate::b…` (in a `use`, a group `crate::{b, …}` or a path), or
//! `super::b…` from where `super` is the crate root. A name the crate root
//! re-exports (`crate::Story`, from `pub use model::*`) counts as the module
//! that defines it; what the root defines itself belongs to no module.
//! Comments, strings and `#[cfg(test)]` code are left out: a doc link or a
//! test helper is not a dependency of the shipped code.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

/// The workspace's crates, by the folder of their sources.
const CRATES: &[(&str, &str)] = &[
    ("dateline-core", "crates/core/src"),
    ("dateline-store", "crates/store/src"),
    ("dateline-cli", "crates/cli/src"),
    ("dateline-app", "src-tauri/src"),
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Comments, string and character literals blanked out (line ends kept, so
/// line numbers still hold).
fn strip(code: &str) -> String {
    let b = code.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for byte in &mut out[from..to] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    };
    let ident = |i: usize| i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
    let mut i = 0;
    while i < b.len() {
        let start = i;
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < b.len() {
                    if b[i..].starts_with(b"/*") {
                        depth += 1;
                        i += 2;
                    } else if b[i..].starts_with(b"*/") {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'r' if !ident(i) && matches!(b.get(i + 1), Some(b'"' | b'#')) => {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                i += 2 + hashes;
                while i < b.len() && !b[i..].starts_with(&close) {
                    i += 1;
                }
                i = (i + close.len()).min(b.len());
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(b.len());
            }
            b'\'' => {
                // A character literal, not a lifetime: `'x'`, `'\n'`, `'é'`.
                let rest = &code[i + 1..];
                let mut chars = rest.char_indices();
                let literal = match chars.next() {
                    Some((_, '\\')) => rest[1..].find('\'').map(|e| e + 2),
                    Some((_, c)) => {
                        (rest[c.len_utf8()..].starts_with('\'')).then_some(c.len_utf8() + 1)
                    }
                    None => None,
                };
                match literal {
                    Some(len) => i += 1 + len,
                    None => {
                        i += 1;
                        continue;
                    }
                }
            }
            _ => {
                i += 1;
                continue;
            }
        }
        blank(&mut out, start, i.min(b.len()));
    }
    String::from_utf8(out).unwrap()
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Path, // `::`
    Punct(char),
}

/// Identifiers, `::` and single punctuation, each with its line.
fn tokens(code: &str) -> Vec<(Tok, usize)> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut chars = code.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            line += 1;
        } else if c.is_alphabetic() || c == '_' {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() || d == '_' {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let word = code[i..end].trim_start_matches("r#");
            out.push((Tok::Ident(word.to_owned()), line));
        } else if c == ':' && chars.peek().map(|&(_, d)| d) == Some(':') {
            chars.next();
            out.push((Tok::Path, line));
        } else if !c.is_whitespace() && !c.is_alphanumeric() {
            out.push((Tok::Punct(c), line));
        }
    }
    out
}

fn is_ident(tok: Option<&(Tok, usize)>, word: &str) -> bool {
    matches!(tok, Some((Tok::Ident(w), _)) if w == word)
}

fn is_punct(tok: Option<&(Tok, usize)>, c: char) -> bool {
    matches!(tok, Some((Tok::Punct(p), _)) if *p == c)
}

/// Where the braces opened at `open` close.
fn matching_brace(toks: &[(Tok, usize)], open: usize) -> usize {
    let mut depth = 0;
    for (k, tok) in toks.iter().enumerate().skip(open) {
        if is_punct(Some(tok), '{') {
            depth += 1;
        } else if is_punct(Some(tok), '}') {
            depth -= 1;
            if depth == 0 {
                return k;
            }
        }
    }
    toks.len()
}

/// The tokens with every `#[cfg(test)]` item left out, and the names of
/// `#[cfg(test)] mod name;` files declared here (test-only files).
fn without_tests(toks: Vec<(Tok, usize)>) -> (Vec<(Tok, usize)>, Vec<String>) {
    let mut out = Vec::with_capacity(toks.len());
    let mut test_files = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let cfg_test = is_punct(toks.get(i), '#')
            && is_punct(toks.get(i + 1), '[')
            && is_ident(toks.get(i + 2), "cfg")
            && is_punct(toks.get(i + 3), '(')
            && is_ident(toks.get(i + 4), "test")
            && is_punct(toks.get(i + 5), ')')
            && is_punct(toks.get(i + 6), ']');
        if !cfg_test {
            out.push(toks[i].clone());
            i += 1;
            continue;
        }
        // The item ends at its first `;` or with the braces it opens.
        let mut k = i + 7;
        while k < toks.len() && !is_punct(toks.get(k), ';') && !is_punct(toks.get(k), '{') {
            k += 1;
        }
        if is_punct(toks.get(k), ';') {
            if let [.., (Tok::Ident(m), _), (Tok::Ident(name), _)] = &toks[i + 7..k] {
                if m == "mod" {
                    test_files.push(name.clone());
                }
            }
            i = k + 1;
        } else {
            i = matching_brace(&toks, k) + 1;
        }
    }
    (out, test_files)
}

/// A use tree's leaves: (the name it binds, the path to it).
fn use_leaves(
    toks: &[(Tok, usize)],
    mut i: usize,
    prefix: &[String],
    out: &mut Vec<(String, Vec<String>)>,
) -> usize {
    let mut path = prefix.to_vec();
    loop {
        match toks.get(i).map(|t| &t.0) {
            Some(Tok::Ident(w)) => {
                path.push(w.clone());
                i += 1;
                if is_ident(toks.get(i), "as") {
                    if let Some((Tok::Ident(alias), _)) = toks.get(i + 1) {
                        out.push((alias.clone(), path.clone()));
                    }
                    return i + 2;
                }
                if matches!(toks.get(i).map(|t| &t.0), Some(Tok::Path)) {
                    i += 1;
                    continue;
                }
                out.push((path.last().cloned().unwrap_or_default(), path));
                return i;
            }
            Some(Tok::Punct('*')) => {
                out.push(("*".to_owned(), path));
                return i + 1;
            }
            Some(Tok::Punct('{')) => {
                i += 1;
                loop {
                    match toks.get(i).map(|t| &t.0) {
                        Some(Tok::Punct('}')) | None => return i + 1,
                        Some(Tok::Punct(',')) => i += 1,
                        _ => i = use_leaves(toks, i, &path, out),
                    }
                }
            }
            _ => return i + 1,
        }
    }
}

/// One crate's sources, read.
struct Source {
    /// The file's module path below the crate root (`["render", "sanitize"]`);
    /// empty for the root.
    module: Vec<String>,
    path: PathBuf,
    toks: Vec<(Tok, usize)>,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.len() == 1 && (parts[0] == "lib" || parts[0] == "main") {
        return Vec::new();
    }
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

fn read_crate(src: &Path) -> Vec<Source> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut sources = Vec::new();
    let mut test_only: BTreeSet<Vec<String>> = BTreeSet::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let module = module_path(src, &path);
        let (toks, tests) = without_tests(tokens(&strip(&text)));
        for name in tests {
            let mut m = module.clone();
            m.push(name);
            test_only.insert(m);
        }
        sources.push(Source { module, path, toks });
    }
    sources.retain(|s| !test_only.iter().any(|t| s.module.starts_with(t)));
    sources
}

/// A dependency of one top-level module on another, with where it is named.
#[derive(Debug, Clone)]
struct Edge {
    to: String,
    at: String,
}

struct Graph {
    edges: BTreeMap<String, Vec<Edge>>,
}

impl Graph {
    fn of(src: &Path, sources: &[Source]) -> Graph {
        let top: BTreeSet<String> = sources
            .iter()
            .filter_map(|s| s.module.first().cloned())
            .collect();
        // What the root makes visible as `crate::name`.
        let mut named: BTreeMap<String, String> = BTreeMap::new();
        let mut globs: Vec<String> = Vec::new();
        for root in sources.iter().filter(|s| s.module.is_empty()) {
            let toks = &root.toks;
            let mut depth = 0;
            let mut i = 0;
            while i < toks.len() {
                if is_punct(toks.get(i), '{') {
                    depth += 1;
                } else if is_punct(toks.get(i), '}') {
                    depth -= 1;
                } else if depth == 0 && is_ident(toks.get(i), "use") {
                    let mut leaves = Vec::new();
                    i = use_leaves(toks, i + 1, &[], &mut leaves);
                    for (name, mut path) in leaves {
                        if path.first().is_some_and(|p| p == "crate" || p == "self") {
                            path.remove(0);
                        }
                        let Some(module) = path.first().filter(|m| top.contains(*m)) else {
                            continue;
                        };
                        if name == "*" {
                            globs.push(module.clone());
                        } else {
                            named.insert(name, module.clone());
                        }
                    }
                    continue;
                }
                i += 1;
            }
        }
        // Whether the top file of `module` defines or imports `name`, which
        // is what a glob re-export of it makes visible.
        let defines = |module: &str, name: &str| {
            sources
                .iter()
                .filter(|s| s.module.len() == 1 && s.module[0] == module)
                .any(|s| {
                    let defined = s.toks.windows(2).any(|w| {
                        matches!(&w[1].0, Tok::Ident(n) if n == name)
                            && matches!(&w[0].0, Tok::Ident(k) if matches!(
                                k.as_str(),
                                "struct" | "enum" | "fn" | "const" | "static" | "type" | "trait" | "mod" | "union"
                            ))
                    });
                    defined
                        || s.toks.iter().enumerate().any(|(i, t)| {
                            let mut leaves = Vec::new();
                            if is_ident(Some(t), "use") {
                                use_leaves(&s.toks, i + 1, &[], &mut leaves);
                            }
                            leaves.iter().any(|(n, _)| n == name)
                        })
                })
        };
        let resolve = |name: &str| -> Option<String> {
            if top.contains(name) {
                return Some(name.to_owned());
            }
            if let Some(module) = named.get(name) {
                return Some(module.clone());
            }
            globs.iter().find(|m| defines(m, name)).cloned()
        };
        let mut edges: BTreeMap<String, Vec<Edge>> = BTreeMap::new();
        for source in sources.iter().filter(|s| !s.module.is_empty()) {
            let from = &source.module[0];
            let toks = &source.toks;
            let file = source.path.strip_prefix(src).unwrap_or(&source.path);
            // Inline `mod name { … }` blocks move `super` one level down.
            let mut inline: Vec<(String, usize)> = Vec::new();
            let mut depth = 0usize;
            for i in 0..toks.len() {
                if is_punct(toks.get(i), '{') {
                    depth += 1;
                    if i >= 2 && is_ident(toks.get(i - 2), "mod") {
                        if let Some((Tok::Ident(name), _)) = toks.get(i - 1) {
                            inline.push((name.clone(), depth));
                        }
                    }
                } else if is_punct(toks.get(i), '}') {
                    if inline.last().is_some_and(|(_, d)| *d == depth) {
                        inline.pop();
                    }
                    depth = depth.saturating_sub(1);
                }
                let Some((Tok::Ident(word), line)) = toks.get(i) else {
                    continue;
                };
                // `crate::…` (not `$crate` in a macro, not `pub(crate)`), or
                // a run of `super::` that climbs to the root.
                let (climbs_to_root, mut k) = if word == "crate"
                    && matches!(toks.get(i + 1).map(|t| &t.0), Some(Tok::Path))
                    && !(i > 0 && is_punct(toks.get(i - 1), '$'))
                {
                    (true, i + 2)
                } else if word == "super"
                    && !(i >= 2 && matches!(toks.get(i - 1).map(|t| &t.0), Some(Tok::Path)))
                {
                    let mut k = i;
                    let mut supers = 0;
                    while is_ident(toks.get(k), "super")
                        && matches!(toks.get(k + 1).map(|t| &t.0), Some(Tok::Path))
                    {
                        supers += 1;
                        k += 2;
                    }
                    let here = source.module.len() + inline.len();
                    (supers > 0 && supers == here, k)
                } else {
                    continue;
                };
                if !climbs_to_root {
                    continue;
                }
                let mut names = Vec::new();
                if is_punct(toks.get(k), '{') {
                    let end = matching_brace(toks, k);
                    let mut expect = true;
                    let mut inner = 0;
                    k += 1;
                    while k < end {
                        match &toks[k].0 {
                            Tok::Punct('{') => inner += 1,
                            Tok::Punct('}') => inner -= 1,
                            Tok::Punct(',') if inner == 0 => expect = true,
                            Tok::Ident(n) if expect && inner == 0 => {
                                names.push(n.clone());
                                expect = false;
                            }
                            _ => expect = false,
                        }
                        k += 1;
                    }
                } else if let Some((Tok::Ident(n), _)) = toks.get(k) {
                    names.push(n.clone());
                }
                for name in names {
                    if name == "self" {
                        continue;
                    }
                    if let Some(to) = resolve(&name).filter(|to| to != from) {
                        edges.entry(from.clone()).or_default().push(Edge {
                            to,
                            at: format!("{}:{line}", file.display()),
                        });
                    }
                }
            }
        }
        Graph { edges }
    }

    /// Every cycle, one per group of modules that reach each other, as
    /// "a → b (where) → … → a".
    fn cycles(&self) -> Vec<String> {
        let nodes: BTreeSet<&String> = self
            .edges
            .iter()
            .flat_map(|(from, es)| std::iter::once(from).chain(es.iter().map(|e| &e.to)))
            .collect();
        let reach = |from: &String| {
            let mut seen = BTreeSet::new();
            let mut queue = VecDeque::from([from.clone()]);
            while let Some(n) = queue.pop_front() {
                for e in self.edges.get(&n).into_iter().flatten() {
                    if seen.insert(e.to.clone()) {
                        queue.push_back(e.to.clone());
                    }
                }
            }
            seen
        };
        let mut done: BTreeSet<String> = BTreeSet::new();
        let mut out = Vec::new();
        for node in nodes {
            if done.contains(node) || !reach(node).contains(node) {
                continue;
            }
            let group: BTreeSet<String> = reach(node)
                .into_iter()
                .filter(|other| reach(other).contains(node))
                .collect();
            done.extend(group.iter().cloned());
            out.push(self.path_back(node, &group));
        }
        out
    }

    /// The shortest way from `start` back to itself within `group`.
    fn path_back(&self, start: &String, group: &BTreeSet<String>) -> String {
        let mut came: BTreeMap<String, (String, Edge)> = BTreeMap::new();
        let mut queue = VecDeque::from([start.clone()]);
        'search: while let Some(n) = queue.pop_front() {
            for e in self.edges.get(&n).into_iter().flatten() {
                if !group.contains(&e.to) || came.contains_key(&e.to) {
                    continue;
                }
                came.insert(e.to.clone(), (n.clone(), e.clone()));
                if e.to == *start {
                    break 'search;
                }
                queue.push_back(e.to.clone());
            }
        }
        let mut steps = Vec::new();
        let mut at = start.clone();
        while let Some((prev, edge)) = came.get(&at) {
            steps.push(format!("→ {} ({})", edge.to, edge.at));
            at = prev.clone();
            if at == *start {
                break;
            }
        }
        steps.reverse();
        format!(
            "{start} {} [modules in this circle: {}]",
            steps.join(" "),
            group.iter().cloned().collect::<Vec<_>>().join(", ")
        )
    }
}

fn assert_no_cycles(krate: &str) {
    let (_, dir) = CRATES.iter().find(|(name, _)| *name == krate).unwrap();
    let src = workspace().join(dir);
    let sources = read_crate(&src);
    assert!(sources.len() > 1, "no sources read from {}", src.display());
    let graph = Graph::of(&src, &sources);
    // The whole graph, for whoever reads the test's output.
    for (from, edges) in &graph.edges {
        let to: BTreeSet<&str> = edges.iter().map(|e| e.to.as_str()).collect();
        eprintln!(
            "{krate}: {from} → {}",
            to.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
    let cycles = graph.cycles();
    assert!(
        cycles.is_empty(),
        "{krate} has modules that depend on each other in a circle:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn core_has_no_module_cycles() {
    assert_no_cycles("dateline-core");
}

#[test]
fn store_has_no_module_cycles() {
    assert_no_cycles("dateline-store");
}

#[test]
fn cli_has_no_module_cycles() {
    assert_no_cycles("dateline-cli");
}

#[test]
fn app_has_no_module_cycles() {
    assert_no_cycles("dateline-app");
}

/// A crate made up on the spot, to show what the reading finds and misses.
#[test]
fn the_checker_finds_what_it_should() {
    let dir = tempdir_in_target();
    let write = |rel: &str, text: &str| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "lib.rs",
        "mod a;\nmod b;\nmod c;\nmod d;\npub use d::*;\npub use c::{Gamma as G};\npub struct Root;\n",
    );
    // a → b by a grouped use, b → c by a path, c → a through `super::`.
    write(
        "a.rs",
        "use crate::{b::{x, y}, Root};\n// crate::d::Delta is only a comment\n",
    );
    write(
        "b/mod.rs",
        "mod inner;\nfn f() { let _ = \"crate::d\"; crate::c::go(); }\n",
    );
    write("b/inner.rs", "use super::x; // still b\n");
    write(
        "c.rs",
        "pub struct Gamma;\npub fn go() { super::a::run(); }\n#[cfg(test)]\nmod tests { use crate::d::Delta; }\n",
    );
    // d names G, re-exported from c: d → c, but c never reaches d.
    write(
        "d.rs",
        "pub struct Delta;\nfn g(_: crate::G) {}\nmacro_rules! m { () => { $crate::Root } }\n",
    );
    let sources = read_crate(&dir);
    let graph = Graph::of(&dir, &sources);
    let targets = |from: &str| -> BTreeSet<String> {
        graph
            .edges
            .get(from)
            .into_iter()
            .flatten()
            .map(|e| e.to.clone())
            .collect()
    };
    assert_eq!(targets("a"), BTreeSet::from(["b".to_owned()]));
    assert_eq!(targets("b"), BTreeSet::from(["c".to_owned()]));
    assert_eq!(targets("c"), BTreeSet::from(["a".to_owned()]));
    assert_eq!(targets("d"), BTreeSet::from(["c".to_owned()]));
    let cycles = graph.cycles();
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    assert!(
        cycles[0].starts_with("a → b (a.rs:1) → c (b/mod.rs:2) → a (c.rs:2)"),
        "{}",
        cycles[0]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A fresh folder in the build's own scratch space (`target/tmp`, inside the
/// repository), for the made-up crate.
fn tempdir_in_target() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("module-cycles")
        .join(format!("{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
