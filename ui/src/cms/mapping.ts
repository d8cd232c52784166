// A target's names for Dateline's sections and tags, as the reporter types
// them: one line each, "Dateline name = site name". The core looks names up
// without regard to case; one not listed goes as it is, one mapped to
// nothing ("Opinion =") is left out of posts. Pure, so tested on its own.
import { plural } from "../logic/format";

export type Mapping = Record<string, string>;

/** What may stand between the two names; the first one on a line counts. */
const SEPARATORS = ["=", "→", "->"] as const;

const byName = (a: string, b: string): number => a.localeCompare(b, "en", { sensitivity: "base" }) || (a < b ? -1 : a > b ? 1 : 0);

/** One line per name, sorted: "World = International", "Opinion =". */
export function mappingText(map: Readonly<Mapping>): string {
  return Object.keys(map)
    .sort(byName)
    .map((key) => {
      const value = map[key] ?? "";
      return value ? `${key} = ${value}` : `${key} =`;
    })
    .join("\n");
}

/** Where the line's first separator starts, and how long it is; null when none. */
function separatorIn(line: string): { at: number; length: number } | null {
  let found: { at: number; length: number } | null = null;
  for (const sep of SEPARATORS) {
    const at = line.indexOf(sep);
    if (at >= 0 && (found === null || at < found.at)) found = { at, length: sep.length };
  }
  return found;
}

/** The lines read back into a map, or the first line that could not be,
 * named by its number. Blank lines are skipped; a name listed twice (in any
 * case) is refused, as the core could not tell which was meant. */
export function parseMapping(text: string): { map: Mapping } | { error: string } {
  const map: Mapping = {};
  const seen = new Map<string, number>();
  const lines = text.split(/\r\n|\r|\n/);
  for (const [i, raw] of lines.entries()) {
    const n = i + 1;
    const line = raw.trim();
    if (!line) continue;
    const sep = separatorIn(line);
    const key = sep ? line.slice(0, sep.at).trim() : "";
    if (!sep || !key) return { error: `Line ${n}: write it as “Dateline name = site name”.` };
    const folded = key.toLowerCase();
    const first = seen.get(folded);
    if (first !== undefined) return { error: `Line ${n}: “${key}” is already on line ${first}.` };
    seen.set(folded, n);
    map[key] = line.slice(sep.at + sep.length).trim();
  }
  return { map };
}

/** "Saved: 2 sections, 1 tag mapped." */
export function savedText(categories: Readonly<Mapping>, tags: Readonly<Mapping>): string {
  const parts = counts(categories, tags);
  return parts.length ? `Saved: ${parts.join(", ")} mapped.` : "Saved: no names mapped; sections and tags go as they are.";
}

function counts(categories: Readonly<Mapping>, tags: Readonly<Mapping>): string[] {
  const sections = Object.keys(categories).length;
  const tagCount = Object.keys(tags).length;
  return [sections > 0 && plural(sections, "section"), tagCount > 0 && plural(tagCount, "tag")].filter((p): p is string => Boolean(p));
}

/** How many sections are spelled out in a row's summary before they are counted instead. */
const SPELLED = 2;

/** One line for a target's row: "World → International · 1 tag mapped";
 * "" when nothing is mapped. */
export function mappingSummary(categories: Readonly<Mapping>, tags: Readonly<Mapping>): string {
  const keys = Object.keys(categories).sort(byName);
  const tagCount = Object.keys(tags).length;
  const sections =
    keys.length === 0
      ? ""
      : keys.length <= SPELLED
        ? keys.map((k) => (categories[k] ? `${k} → ${categories[k]}` : `${k} left out`)).join(", ")
        : `${plural(keys.length, "section")} mapped`;
  const tagPart = tagCount > 0 ? `${plural(tagCount, "tag")} mapped` : "";
  return [sections, tagPart].filter(Boolean).join(" · ");
}
