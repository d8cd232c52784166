//! The last step: the publication date, the dateline cut from the first
//! paragraph, pull quotes dropped, and the body rendered as Markdown.

use chrono::{Datelike, Days, NaiveDate};

use crate::{Byline, Story, MAX_LIST, MAX_SHORT_FIELD};

use super::blocks::render;
use super::blocks::Para;
use super::dates::DateRole;
use super::reader::Reader;
use super::{dateline, repeats};

impl Reader<'_> {
    /// Dates, the dateline and the Markdown body, from what was read.
    pub(super) fn finish(mut self, first_body_para: usize) -> Story {
        let find = |role| self.dates.iter().find(|d| d.role == role);
        let published = find(DateRole::Published)
            .or_else(|| find(DateRole::Plain))
            .or_else(|| self.dates.first())
            .copied();
        if let Some(date) = published {
            self.story.publish_at = Some(date.at);
            self.story.dateline.date = Some(date.local_date);
        }
        if let Some(Para::Text(first)) = self.paras.get_mut(first_body_para) {
            if let Some(found) = dateline::split(first) {
                if found.place.chars().count() <= MAX_SHORT_FIELD {
                    let rest = found.rest.to_owned();
                    self.story.dateline.place = found.place;
                    if let Some((month, day, year)) = found.day {
                        let anchor = published.map(|d| d.local_date);
                        let today = self.story.created_at.date_naive();
                        if let Some(date) = resolve_day(month, day, year, anchor.unwrap_or(today)) {
                            self.story.dateline.date = Some(date);
                        }
                    }
                    if let Some(agency) = found.agency {
                        // The wire service is the story's source: credit it.
                        if !self.story.bylines.iter().any(|b| b.name == agency)
                            && self.story.bylines.len() < MAX_LIST
                        {
                            self.story.bylines.push(Byline {
                                name: agency,
                                role: "Agency".into(),
                                url: None,
                            });
                        }
                    }
                    *first = rest;
                }
            }
        }
        if self.story.dateline.place.is_empty() {
            if let Some(place) = self.byline_place.take() {
                self.story.dateline.place = place;
            }
        }
        repeats::drop_pull_quotes(&mut self.paras);
        self.story.body = render(&self.paras);
        self.story
    }
}

/// The year of a dateline printed without one ("Dec 30"): the publication
/// date's, or last year's when that would put the dateline well after it (a
/// story filed Dec 30 and published Jan 2).
fn resolve_day(month: u32, day: u32, year: Option<i32>, anchor: NaiveDate) -> Option<NaiveDate> {
    if let Some(year) = year {
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    let same_year = NaiveDate::from_ymd_opt(anchor.year(), month, day)?;
    if same_year > anchor.checked_add_days(Days::new(31))? {
        NaiveDate::from_ymd_opt(anchor.year() - 1, month, day)
    } else {
        Some(same_year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_day_gets_a_year() {
        let jan2 = NaiveDate::from_ymd_opt(2026, 1, 2);
        let got = jan2.and_then(|a| resolve_day(12, 30, None, a));
        assert_eq!(got, NaiveDate::from_ymd_opt(2025, 12, 30));
        let dec31 = NaiveDate::from_ymd_opt(2025, 12, 31);
        let got = dec31.and_then(|a| resolve_day(12, 30, None, a));
        assert_eq!(got, NaiveDate::from_ymd_opt(2025, 12, 30));
    }
}
