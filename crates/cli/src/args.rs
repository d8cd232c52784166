//! Arguments with a fixed set of values, typed so that clap checks them while
//! parsing: a typo is a usage mistake (exit 2) found before any library is
//! opened or created.

use clap::ValueEnum;
use dateline_core::export::Format;
use dateline_core::Status;

/// A workflow status as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Draft,
    // The stored name, and the spellings people type for it.
    #[value(name = "in_review", alias = "in-review")]
    InReview,
    Ready,
    Exported,
    Spiked,
}

impl From<StatusArg> for Status {
    fn from(s: StatusArg) -> Status {
        match s {
            StatusArg::Draft => Status::Draft,
            StatusArg::InReview => Status::InReview,
            StatusArg::Ready => Status::Ready,
            StatusArg::Exported => Status::Exported,
            StatusArg::Spiked => Status::Spiked,
        }
    }
}

// Both directions are spelled out so that a status added to the core stops
// this crate compiling until it can be typed here too.
impl From<Status> for StatusArg {
    fn from(s: Status) -> StatusArg {
        match s {
            Status::Draft => StatusArg::Draft,
            Status::InReview => StatusArg::InReview,
            Status::Ready => StatusArg::Ready,
            Status::Exported => StatusArg::Exported,
            Status::Spiked => StatusArg::Spiked,
        }
    }
}

/// An export format as typed on the command line, with the core's aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    #[value(alias = "htm")]
    Html,
    #[value(name = "md", alias = "markdown", alias = "hugo")]
    Markdown,
    Ninjs,
    #[value(alias = "arc")]
    Ans,
    #[value(alias = "wordpress", alias = "wp")]
    Wxr,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Html => Format::Html,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Ninjs => Format::Ninjs,
            FormatArg::Ans => Format::Ans,
            FormatArg::Wxr => Format::Wxr,
        }
    }
}

// As for statuses: a new format in the core must be typed here too.
impl From<Format> for FormatArg {
    fn from(f: Format) -> FormatArg {
        match f {
            Format::Html => FormatArg::Html,
            Format::Markdown => FormatArg::Markdown,
            Format::Ninjs => FormatArg::Ninjs,
            Format::Ans => FormatArg::Ans,
            Format::Wxr => FormatArg::Wxr,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_is_typed_by_its_stored_name() {
        for status in Status::ALL {
            let arg = StatusArg::from(status);
            assert_eq!(Status::from(arg), status);
            let value = arg.to_possible_value().unwrap();
            assert_eq!(value.get_name(), status.as_str());
            for name in value.get_name_and_aliases() {
                assert_eq!(Status::parse(name).unwrap(), status, "{name}");
            }
        }
    }

    #[test]
    fn every_format_is_typed_by_its_core_names() {
        for format in Format::ALL {
            let arg = FormatArg::from(format);
            assert_eq!(Format::from(arg), format);
            let value = arg.to_possible_value().unwrap();
            assert_eq!(value.get_name(), format.as_str());
            for name in value.get_name_and_aliases() {
                assert_eq!(Format::parse(name).unwrap(), format, "{name}");
            }
        }
    }
}
