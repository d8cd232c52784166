//! `dateline targets`: the sites stories are sent to. A secret is read from
//! standard input and kept in the system keyring, or named by
//! `--secret-env VAR` and read from that variable at each use (never stored).

use std::collections::BTreeMap;
use std::io::BufRead;
use std::sync::Mutex;

use anyhow::{bail, Result};
use clap::{Args, Subcommand};
use dateline_cms::Secrets;
use dateline_store::{CmsKind, NewTarget, PostStatus, SecretPlace, Target};

use super::{Context, UsageError};
use crate::output::line;

#[derive(Debug, Args)]
pub struct TargetsArgs {
    #[command(subcommand)]
    command: Option<TargetsCommand>,
}

#[derive(Debug, Subcommand)]
enum TargetsCommand {
    /// The targets (the default).
    List,
    /// Add a site: `targets add "Harbour News" --wordpress URL --user USER`.
    Add(AddArgs),
    /// Check a target's address and secret.
    Test { name: String },
    /// Forget a target and its secret (the posts stay on the site).
    Remove { name: String },
    /// Name sections and tags as the site knows them:
    /// `targets map NAME --category World=International --tag ukraine=`.
    Map(MapArgs),
}

/// How Dateline's sections and tags are named on the site.
#[derive(Debug, Args)]
struct Mapping {
    /// A section and the category (WordPress) or tag (Ghost) it becomes;
    /// `SECTION=` leaves it out. Repeat for more.
    #[arg(long = "category", value_name = "SECTION=NAME")]
    categories: Vec<String>,
    /// A tag and the site's tag it becomes; `TAG=` leaves it out.
    #[arg(long = "tag", value_name = "TAG=NAME")]
    tags: Vec<String>,
}

#[derive(Debug, Args)]
struct MapArgs {
    name: String,
    #[command(flatten)]
    mapping: Mapping,
    /// Forget the mapping first.
    #[arg(long)]
    clear: bool,
}

#[derive(Debug, Args)]
struct AddArgs {
    /// What the target is called in Dateline.
    name: String,
    /// A WordPress site's address; its application password is the secret.
    #[arg(long, value_name = "URL", conflicts_with = "ghost")]
    wordpress: Option<String>,
    /// A Ghost site's address; its Admin API key (id:secret) is the secret.
    #[arg(long, value_name = "URL")]
    ghost: Option<String>,
    /// The WordPress user the application password belongs to.
    #[arg(long)]
    user: Option<String>,
    /// Read the secret from this environment variable at each use, never
    /// storing it (for scripts and CI). Without it, the secret is read from
    /// standard input and kept in the system keyring.
    #[arg(long, value_name = "VAR")]
    secret_env: Option<String>,
    /// The status posts get: draft (the default), publish, or schedule (at
    /// the story's publish time).
    #[arg(long, default_value = "draft")]
    status: String,
    #[command(flatten)]
    mapping: Mapping,
}

/// `NAME=VALUE` pairs into `map`.
fn read_pairs(pairs: &[String], what: &str, map: &mut BTreeMap<String, String>) -> Result<()> {
    for pair in pairs {
        let Some((from, to)) = pair.split_once('=') else {
            return Err(UsageError(format!(
                "{pair:?}: give a {what} as {}=NAME (NAME empty to leave it out)",
                what.to_uppercase()
            ))
            .into());
        };
        if from.trim().is_empty() {
            return Err(UsageError(format!("{pair:?}: the {what} before = is empty")).into());
        }
        map.insert(from.trim().to_owned(), to.trim().to_owned());
    }
    Ok(())
}

impl Mapping {
    fn apply(
        &self,
        categories: &mut BTreeMap<String, String>,
        tags: &mut BTreeMap<String, String>,
    ) -> Result<()> {
        read_pairs(&self.categories, "section", categories)?;
        read_pairs(&self.tags, "tag", tags)
    }
}

impl TargetsArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        match self.command.unwrap_or(TargetsCommand::List) {
            TargetsCommand::List => list(ctx),
            TargetsCommand::Add(args) => add(args, ctx),
            TargetsCommand::Test { name } => test(&name, ctx),
            TargetsCommand::Map(args) => map(args, ctx),
            TargetsCommand::Remove { name } => {
                let mut lib = ctx.write()?;
                let target = lib.remove_target(&name)?;
                Secrets::new().forget(&target);
                writeln!(ctx.out, "Removed {}", line(&target.name))?;
                Ok(())
            }
        }
    }
}

fn describe(t: &Target) -> String {
    let secret = match &t.secret {
        SecretPlace::Keyring => "secret in the keyring".to_owned(),
        SecretPlace::Session => "secret for one session".to_owned(),
        SecretPlace::Env(var) => format!("secret from ${var}"),
    };
    let user = if t.user.is_empty() {
        String::new()
    } else {
        format!(" as {}", t.user)
    };
    format!(
        "{}\t{} {}{user}\t{}, posts as {}",
        line(&t.name),
        t.kind.label(),
        line(&t.url),
        secret,
        t.default_status.as_str()
    )
}

/// The mapping's lines under a target, indented.
fn describe_mapping(t: &Target) -> Vec<String> {
    let site_word = match t.kind {
        CmsKind::WordPress => "category",
        CmsKind::Ghost => "tag",
    };
    let entry = |kind: &str, from: &str, to: &str, word: &str| {
        if to.is_empty() {
            format!("  {kind} {} is left out", line(from))
        } else {
            format!("  {kind} {} goes as {word} {}", line(from), line(to))
        }
    };
    let mut lines: Vec<String> = t
        .categories
        .iter()
        .map(|(from, to)| entry("section", from, to, site_word))
        .collect();
    lines.extend(
        t.tags
            .iter()
            .map(|(from, to)| entry("tag", from, to, "tag")),
    );
    lines
}

fn map(args: MapArgs, ctx: &mut Context<'_>) -> Result<()> {
    let mut lib = ctx.write()?;
    let mut target = lib.target(&args.name)?;
    if args.clear {
        target.categories.clear();
        target.tags.clear();
    }
    args.mapping
        .apply(&mut target.categories, &mut target.tags)?;
    let target = lib.update_target(&target)?;
    if ctx.json {
        return ctx.print_json(&target);
    }
    writeln!(ctx.out, "{}", describe(&target))?;
    let lines = describe_mapping(&target);
    if lines.is_empty() {
        writeln!(ctx.out, "  sections and tags go as they are")?;
    }
    for l in lines {
        writeln!(ctx.out, "{l}")?;
    }
    Ok(())
}

fn list(ctx: &mut Context<'_>) -> Result<()> {
    let lib = ctx.read()?;
    let targets = lib.targets()?;
    if ctx.json {
        return ctx.print_json(&targets);
    }
    if targets.is_empty() {
        writeln!(
            ctx.out,
            "No targets yet; add one with dateline targets add NAME --wordpress URL --user USER"
        )?;
    }
    for t in &targets {
        writeln!(ctx.out, "{}", describe(t))?;
        for l in describe_mapping(t) {
            writeln!(ctx.out, "{l}")?;
        }
    }
    Ok(())
}

fn add(args: AddArgs, ctx: &mut Context<'_>) -> Result<()> {
    let (kind, url) = match (args.wordpress, args.ghost) {
        (Some(url), None) => (CmsKind::WordPress, url),
        (None, Some(url)) => (CmsKind::Ghost, url),
        _ => {
            return Err(UsageError(
                "say which CMS the site runs: --wordpress URL --user USER, or --ghost URL".into(),
            )
            .into())
        }
    };
    if kind == CmsKind::WordPress && args.user.is_none() {
        return Err(UsageError("a WordPress target needs --user USER".into()).into());
    }
    let status = PostStatus::parse(&args.status)?;
    let secret_place = match &args.secret_env {
        Some(var) => SecretPlace::Env(var.clone()),
        None => SecretPlace::Keyring,
    };
    // Read the secret before the library is touched: nothing is half-added.
    let secret = match secret_place {
        SecretPlace::Keyring => {
            let mut text = String::new();
            std::io::stdin().lock().read_line(&mut text)?;
            let text = text.trim().to_owned();
            if text.is_empty() {
                bail!(
                    "no secret on standard input: pipe the {} in, or name a variable with --secret-env VAR",
                    match kind {
                        CmsKind::WordPress => "application password",
                        CmsKind::Ghost => "Admin API key",
                    }
                );
            }
            Some(text)
        }
        _ => None,
    };
    let mut categories = BTreeMap::new();
    let mut tags = BTreeMap::new();
    args.mapping.apply(&mut categories, &mut tags)?;
    let mut lib = ctx.create()?;
    let target = lib.add_target(&NewTarget {
        name: args.name,
        kind: Some(kind),
        url,
        user: args.user.unwrap_or_default(),
        secret: Some(secret_place),
        default_status: status,
        categories,
        tags,
    })?;
    if let Some(secret) = secret {
        if let Err(no) = Secrets::new().store_in_keyring(target.id, &secret) {
            lib.remove_target(&target.id.to_string())?;
            bail!(
                "the secret could not be kept: {}; add the target with --secret-env VAR instead",
                no.0
            );
        }
    }
    if ctx.json {
        return ctx.print_json(&target);
    }
    writeln!(ctx.out, "Added {}", describe(&target))?;
    Ok(())
}

fn test(name: &str, ctx: &mut Context<'_>) -> Result<()> {
    let lib = Mutex::new(ctx.read()?);
    let check = dateline_cms::test_target(&lib, &Secrets::new(), name)?;
    if ctx.json {
        return ctx.print_json(&check);
    }
    writeln!(ctx.out, "{}", line(&check.sentence))?;
    Ok(())
}
