// What the window says after a package goes out or comes in.
import type { Received } from "../bindings/Received";
import type { SentPackage } from "../bindings/SentPackage";
import { plural } from "../logic/format";

/** "Sent “Headline” for review: /path/file.dateline-story". */
export function sentMessage(headline: string, sent: SentPackage): string {
  return sent.kind === "return" ? `Returned “${headline}” to the reporter: ${sent.path}` : `Sent “${headline}” for review: ${sent.path}`;
}

const possessive = (name: string) => (name ? `${name}'s` : "the reviewer's");

/** One sentence about a package taken in. */
export function receivedMessage(r: Received): string {
  const headline = r.story.headline;
  const from = r.from || "someone";
  switch (r.outcome) {
    case "added":
      return r.kind === "review" ? `Added “${headline}” from ${from}, for review` : `Added “${headline}”, returned by ${from}`;
    case "restored":
      return `This story had been deleted here; it is back from the package: “${headline}”`;
    case "copied":
      return `Kept as a copy: a different story here has the same id (“${headline}”)`;
    case "updated":
    case "merged": {
      const report = r.report;
      const changes: string[] = [];
      if (report.merged.length) changes.push(`${report.merged.join(", ")} changed`);
      if (report.comments_added) changes.push(`${plural(report.comments_added, "comment")} added`);
      if (report.suggestions_added) changes.push(`${plural(report.suggestions_added, "suggestion")} added`);
      const conflicts = report.conflicts.length;
      if (changes.length === 0 && conflicts === 0) return `Already up to date: “${headline}”`;
      const what = r.kind === "return" ? `${possessive(r.from)} return` : `${possessive(r.from)} copy for review`;
      const head = r.outcome === "merged" ? `Merged ${what}` : `Updated “${headline}” from ${what}`;
      const conflictText =
        conflicts === 0 ? "" : `${plural(conflicts, "conflict")} (${report.conflicts.join(", ")}) — resolve ${conflicts === 1 ? "it" : "them"} in Suggestions`;
      return `${head}: ${[changes.join(", "), conflictText].filter(Boolean).join("; ")}`;
    }
  }
}
