//! Lines a page prints twice. A magazine sets a sentence of the story again in
//! large type between paragraphs (a pull quote); pasted, it reads as a
//! paragraph of its own that repeats words the body already has, and goes.

use std::collections::HashMap;

use super::blocks::Para;

/// The fewest and most words a pull quote has: fewer is a phrase any story may
/// repeat ("It did not."), more is a paragraph.
const QUOTE_WORDS: std::ops::RangeInclusive<usize> = 5..=40;

/// Drops each short paragraph whose words run, in order, inside a longer
/// paragraph of the same body. Linear in the body's words: candidates are
/// found by their first three words.
pub(super) fn drop_pull_quotes(paras: &mut Vec<Para>) {
    let words: Vec<Vec<String>> = paras
        .iter()
        .map(|p| match p {
            Para::Text(t) => words(t),
            Para::Break => Vec::new(),
        })
        .collect();
    // Each distinct candidate once, with the paragraphs that print it.
    let mut candidates: HashMap<&[String], Vec<usize>> = HashMap::new();
    for (k, w) in words.iter().enumerate() {
        if QUOTE_WORDS.contains(&w.len()) {
            candidates.entry(w.as_slice()).or_default().push(k);
        }
    }
    let mut by_start: HashMap<&[String], Vec<&[String]>> = HashMap::new();
    for candidate in candidates.keys() {
        if let Some(start) = candidate.get(..3) {
            by_start.entry(start).or_default().push(candidate);
        }
    }
    if by_start.is_empty() {
        return;
    }
    let mut repeated = vec![false; paras.len()];
    for w in &words {
        for i in 0..w.len().saturating_sub(2) {
            let Some(found) = w.get(i..i + 3).and_then(|start| by_start.get(start)) else {
                continue;
            };
            for candidate in found {
                let longer = w.len() > candidate.len();
                if longer && w.get(i..).is_some_and(|rest| rest.starts_with(candidate)) {
                    for k in candidates.get(candidate).into_iter().flatten() {
                        if let Some(r) = repeated.get_mut(*k) {
                            *r = true;
                        }
                    }
                }
            }
        }
    }
    let mut k = 0;
    paras.retain(|_| {
        let keep = !repeated.get(k).copied().unwrap_or(false);
        k += 1;
        keep
    });
}

/// The words of a paragraph, lower case, without punctuation or quote marks.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .map(|w| w.trim_matches(['\'', '\u{2019}']).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(paras: &[Para]) -> Vec<&str> {
        paras
            .iter()
            .map(|p| match p {
                Para::Text(t) => t.as_str(),
                Para::Break => "* * *",
            })
            .collect()
    }

    #[test]
    fn a_pull_quote_goes_and_the_sentence_stays() {
        let mut paras = vec![
            Para::Text(
                "\u{201C}The light keeps us honest about the weather,\u{201D} she says.".into(),
            ),
            Para::Text("The light keeps us honest about the weather.".into()),
            Para::Text("Winters are the hard part.".into()),
            Para::Break,
            Para::Text("It did not.".into()),
            Para::Text("It did not.".into()),
        ];
        drop_pull_quotes(&mut paras);
        assert_eq!(
            texts(&paras),
            [
                "\u{201C}The light keeps us honest about the weather,\u{201D} she says.",
                "Winters are the hard part.",
                "* * *",
                "It did not.",
                "It did not.",
            ]
        );
    }

    #[test]
    fn paragraphs_printed_twice_whole_both_stay() {
        let line = "The council will meet again on Tuesday evening.";
        let mut paras = vec![Para::Text(line.into()), Para::Text(line.into())];
        drop_pull_quotes(&mut paras);
        assert_eq!(texts(&paras), [line, line]);
    }
}
