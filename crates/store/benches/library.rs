//! The library's speed budgets, measured:
//! - autosave of a 1,250-word story with search kept current (p50 ≤ 0.5 ms);
//! - search of 100,000 stories of ~800 words, top 20 with snippets (≤ 20 ms);
//! - the 200 most recently updated of 100,000 (≤ 1 ms).
//!
//! The 100,000-story library is generated once into `target/bench-data/` and
//! reused by later runs (set `DATELINE_BENCH_STORIES` for a smaller one).

use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use dateline_core::Story;
use dateline_store::{Library, ListFilter, Origin, SaveKind};

/// A deterministic stream of words with a news-like spread: a few very common
/// words, many rare ones.
struct Words {
    state: u64,
    vocabulary: Vec<String>,
}

const COMMON: &[&str] = &[
    "the",
    "council",
    "said",
    "minister",
    "government",
    "city",
    "report",
    "people",
    "police",
    "year",
    "week",
    "new",
    "court",
    "election",
    "market",
];

impl Words {
    fn new(seed: u64) -> Self {
        let syllables = [
            "ka", "lo", "ri", "den", "mar", "to", "sel", "vin", "ur", "pa", "qu", "este", "bran",
            "dol", "fi", "gor", "hal", "jen", "mos", "nir",
        ];
        let mut vocabulary = Vec::new();
        for a in syllables {
            for b in syllables {
                for c in ["", "s", "ton", "ing", "er"] {
                    vocabulary.push(format!("{a}{b}{c}"));
                }
            }
        }
        Self {
            state: seed | 1,
            vocabulary,
        }
    }

    fn next(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state
    }

    fn word(&mut self) -> &str {
        let r = self.next();
        if r.is_multiple_of(4) {
            COMMON[(r / 4 % COMMON.len() as u64) as usize]
        } else {
            // Squaring skews towards the start: some rare words are rarer.
            let n = self.vocabulary.len() as u64;
            let x = (r >> 16) % n;
            &self.vocabulary[(x * x / n) as usize]
        }
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.word());
        }
        s.push('.');
        s
    }

    fn story(&mut self, words: usize) -> Story {
        let mut story = Story::new(self.sentence(9));
        story.kicker = self.word().to_owned();
        story.standfirst = self.sentence(22);
        let mut body = String::new();
        let mut written = 0;
        while written < words {
            if written > 0 && written % 300 < 40 {
                body.push_str("## ");
                body.push_str(&self.sentence(4));
                body.push_str("\n\n");
            }
            body.push_str(&self.sentence(40));
            body.push_str("\n\n");
            written += 40;
        }
        story.body = body;
        story
    }
}

fn big_library() -> Library {
    let count: usize = std::env::var("DATELINE_BENCH_STORIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    generated_library(count)
}

fn generated_library(count: usize) -> Library {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    let path = dir.join(format!("library-{count}.dateline"));
    let ready = dir.join(format!("library-{count}.ready"));
    if !ready.exists() {
        let _ = std::fs::remove_file(&path);
        let mut lib = Library::open(&path).expect("bench library opens");
        let mut words = Words::new(42);
        eprintln!("generating {count} stories into {} (once)", path.display());
        for chunk in 0..count.div_ceil(1_000) {
            let n = 1_000.min(count - chunk * 1_000);
            let batch: Vec<Story> = (0..n).map(|_| words.story(800)).collect();
            lib.create_stories(&batch, Origin::Background)
                .expect("bench stories are created");
        }
        drop(lib);
        std::fs::write(&ready, b"").expect("marker written");
    }
    Library::open(&path).expect("bench library opens")
}

/// A keystroke's worth of change, as the editor sends it: a letter typed, then
/// taken back, so the story keeps its length.
fn keystroke(story: &mut Story, n: u64) {
    if n.is_multiple_of(2) {
        story.body.push('a');
    } else {
        story.body.pop();
    }
}

fn autosave(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut lib = Library::open(dir.path().join("autosave.dateline")).expect("opens");
    let mut words = Words::new(7);
    let mut story = lib
        .create_story(&words.story(1_250), Origin::Window)
        .expect("created");
    // The budget is a median per save: criterion reports means, which the
    // occasional WAL checkpoint (an fsync) pulls up, so percentiles come first.
    let mut times = Vec::with_capacity(2_000);
    for i in 0..2_000u64 {
        keystroke(&mut story, i);
        let start = std::time::Instant::now();
        story = lib
            .save_story(&story, SaveKind::Autosave, Origin::Window)
            .expect("saved");
        times.push(start.elapsed());
    }
    times.sort();
    eprintln!(
        "autosave of {} words, per save: p50 {:?}  p90 {:?}  p99 {:?}",
        story.word_count(),
        times[times.len() / 2],
        times[times.len() * 9 / 10],
        times[times.len() * 99 / 100]
    );
    let mut n = 0u64;
    c.bench_function("autosave 1250-word story (search kept current)", |b| {
        b.iter(|| {
            n += 1;
            keystroke(&mut story, n);
            story = lib
                .save_story(&story, SaveKind::Autosave, Origin::Window)
                .expect("saved");
        })
    });
}

fn big(c: &mut Criterion) {
    let lib = big_library();
    let mut group = c.benchmark_group("library of 100k");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("search common word, top 20 with snippets", |b| {
        b.iter(|| lib.search("council", 20).expect("search"))
    });
    group.bench_function("search two words, top 20 with snippets", |b| {
        b.iter(|| lib.search("minister kaloton", 20).expect("search"))
    });
    group.bench_function("search a word being typed (prefix), top 20", |b| {
        b.iter(|| lib.search("minis", 20).expect("search"))
    });
    group.bench_function("list 200 most recently updated", |b| {
        b.iter(|| {
            lib.list_stories(&ListFilter {
                limit: 200,
                ..Default::default()
            })
            .expect("list")
        })
    });
    group.finish();
}

/// Peak resident memory of this process so far, in KiB (Linux).
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn export_10k(c: &mut Criterion) {
    let lib = generated_library(10_000);
    let ids = lib.all_story_ids().expect("ids");
    let out = tempfile::tempdir().expect("temp dir");
    let before = peak_rss_kib();
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("10,000 stories to ninjs files", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for i in 0..iters {
                // Each run writes into a new folder on a quiet disk: the
                // previous run's files are removed and flushed untimed.
                let dir = out.path().join(format!("run-{i}"));
                let start = std::time::Instant::now();
                lib.export_stories(
                    &ids,
                    dateline_core::export::Format::Ninjs,
                    &dir,
                    &mut |_| {},
                )
                .expect("exported");
                total += start.elapsed();
                let _ = std::fs::remove_dir_all(&dir);
                let _ = std::process::Command::new("sync").status();
            }
            total
        })
    });
    group.finish();
    // Streamed one story at a time: the peak should barely move.
    eprintln!(
        "peak memory before the 10,000-story export {} MiB, after {} MiB",
        before / 1024,
        peak_rss_kib() / 1024
    );
}

criterion_group!(benches, autosave, big, export_10k);
criterion_main!(benches);
