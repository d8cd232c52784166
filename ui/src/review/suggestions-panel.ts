// The Suggestions panel: every suggestion on the story, in the body
// (CriticMarkup, read from the text as it is now) and in the other fields
// (proposed values), each with who, when and what, to accept or reject one
// by one or all at once. The core applies the decision and saves; the window
// then shows the story it returns.
import type { BodySuggestion } from "../bindings/BodySuggestion";
import type { Decision } from "../bindings/Decision";
import type { Story } from "../bindings/Story";
import type { Suggestion } from "../bindings/Suggestion";
import type { SuggestionTarget } from "../bindings/SuggestionTarget";
import { h, replaceChildren, showCount } from "../components/dom";
import { fullTime } from "../logic/format";
import { bodySuggestions, type CriticSuggestion } from "./critic";
import { fieldLabel } from "./fields";
import { quoted } from "./text";

export interface SuggestionsContext {
  story: Story;
  /** The body as the editor holds it now. */
  bodyText: () => string;
  /** Decides one suggestion, or all of them (target null). */
  decide: (target: SuggestionTarget | null, decision: Decision) => Promise<void>;
  /** Selects a stretch of the body (UTF-16) and scrolls to it. */
  revealBody: (from: number, to: number) => void;
  /** Opens the comparison with the version sent for review. */
  compare: () => void;
}

export interface SuggestionsPanel {
  element: HTMLDetailsElement;
  /** Reads the suggestions again (the body or the story changed). */
  update(): void;
  /** Opens the panel, scrolls to it and puts the keyboard on it. */
  reveal(): void;
}

/** Words quoted for a list; whitespace alone is named, not shown. */
const q = (text: string, max = 80) => {
  if (text === "") return "(empty)";
  const shown = quoted(text, max);
  if (shown === "") return text.includes("\n") ? "a line break" : "a space";
  return `“${shown}”`;
};

/** "Insert “x”", "Delete “y”", "Replace “a” with “b”", or the two sides of a
 * conflict (yours: the text here; theirs: the other side's). */
export function describeBody(s: Pick<BodySuggestion, "kind" | "old" | "new" | "conflict">): string {
  if (s.conflict) return `Conflict — yours: ${q(s.old)} / theirs: ${q(s.new)}`;
  switch (s.kind) {
    case "insert":
      return `Insert ${q(s.new)}`;
    case "delete":
      return `Delete ${q(s.old)}`;
    case "replace":
      return `Replace ${q(s.old)} with ${q(s.new)}`;
  }
}

/** "Headline: “old” → “new”", or its conflict. */
export function describeField(story: Story, s: Suggestion): string {
  const label = fieldLabel(story, s.field);
  if (s.conflict) return `${label} · Conflict — yours: ${q(s.original)} / theirs: ${q(s.proposed)}`;
  return `${label}: ${q(s.original)} → ${q(s.proposed)}`;
}

/** How many conflicts a merge left, and whose return they came from. */
export function mergeConflicts(story: Story, body: string): { count: number; from: string } {
  const authors: string[] = [];
  let count = 0;
  const note = (author: string) => {
    count++;
    if (author && !authors.includes(author)) authors.push(author);
  };
  for (const s of bodySuggestions(body)) if (s.conflict) note(s.author);
  for (const s of story.suggestions) if (s.conflict) note(s.author);
  return { count, from: authors.join(" and ") };
}

type Item = { kind: "body"; s: CriticSuggestion } | { kind: "field"; s: Suggestion };

export function createSuggestionsPanel(ctx: SuggestionsContext, panel: (title: string, key: string, ...children: Node[]) => HTMLDetailsElement): SuggestionsPanel {
  const story = ctx.story;
  const count = h("span", { class: "count-badge", attrs: { "data-testid": "suggestions-count" } });
  const list = h("ol", { class: "rows suggestion-list", attrs: { "data-testid": "suggestions-list", "aria-label": "Suggestions" } });
  const error = h("p", { class: "field-error", attrs: { role: "alert" } });
  error.hidden = true;
  const buttons: HTMLButtonElement[] = [];
  const button = (text: string, testid: string, run: () => Promise<void>, cls = "", label?: string) => {
    const b = h("button", { class: cls, text, attrs: { "data-testid": testid, "aria-label": label } });
    b.addEventListener("click", () => {
      for (const other of buttons) other.disabled = true;
      error.hidden = true;
      run()
        .catch((e: unknown) => {
          error.textContent = (e as { message?: string }).message ?? String(e);
          error.hidden = false;
        })
        .finally(() => {
          for (const other of buttons) other.disabled = false;
          acceptAll.disabled = rejectAll.disabled = list.querySelector(".suggestion") === null;
        });
    });
    buttons.push(b);
    return b;
  };

  /** The body suggestion's ordinal in the text as it is now: the one with
   * the same place and words, else the one the list was drawn with. */
  const ordinalNow = (s: CriticSuggestion) => {
    const now = bodySuggestions(ctx.bodyText());
    return (now.find((n) => n.from === s.from && n.kind === s.kind && n.old === s.old && n.new === s.new) ?? s).ordinal;
  };

  const decideOne = (item: Item, decision: Decision) =>
    ctx.decide(item.kind === "body" ? { body: { ordinal: ordinalNow(item.s) } } : { field: { id: item.s.id } }, decision);

  const acceptAll = button("Accept all", "accept-all", () => ctx.decide(null, "accept"), "", "Accept all suggestions");
  const rejectAll = button("Reject all", "reject-all", () => ctx.decide(null, "reject"), "", "Reject all suggestions");
  const compare = h("button", { text: "Changes since sent…", title: "Compare with the version sent for review", attrs: { "data-testid": "compare" }, on: { click: () => ctx.compare() } });

  const row = (item: Item) => {
    const s = item.s;
    const what = item.kind === "body" ? describeBody(s as CriticSuggestion) : describeField(story, s as Suggestion);
    const at = item.kind === "body" ? item.s.at : item.s.created_at;
    const conflict = s.conflict;
    const whatEl =
      item.kind === "body"
        ? h("button", {
            class: "quote-button suggestion-what",
            text: what,
            title: "Show it in the body",
            on: { click: () => ctx.revealBody(item.s.from, item.s.to) },
          })
        : h("span", { class: "suggestion-what", text: what });
    return h(
      "li",
      {
        class: `row-card suggestion${conflict ? " is-conflict" : ""}`,
        attrs: { "data-testid": "suggestion", "data-kind": item.kind === "body" ? item.s.kind : "field", "data-conflict": String(conflict), "data-suggestion-field": item.kind === "field" ? item.s.field : "body" },
      },
      h("div", { class: "note-meta" }, conflict ? h("span", { class: "badge conflict-badge", text: "Conflict" }) : null, `${s.author || "Unsigned"}${at ? ` · ${fullTime(at)}` : ""}`),
      whatEl,
      h(
        "div",
        { class: "row-actions" },
        button(conflict ? "Take theirs" : "Accept", "accept-suggestion", () => decideOne(item, "accept"), "", `${conflict ? "Take theirs" : "Accept"}: ${what}`),
        button(conflict ? "Keep yours" : "Reject", "reject-suggestion", () => decideOne(item, "reject"), "", `${conflict ? "Keep yours" : "Reject"}: ${what}`),
      ),
    );
  };

  let shown = "";
  const update = () => {
    const items: Item[] = [
      ...bodySuggestions(ctx.bodyText()).map((s): Item => ({ kind: "body", s })),
      ...story.suggestions.map((s): Item => ({ kind: "field", s })),
    ];
    const key = JSON.stringify(items.map((i) => (i.kind === "body" ? [i.s.from, i.s.to, i.s.kind, i.s.old, i.s.new, i.s.author, i.s.at, i.s.remark] : i.s)));
    if (key === shown) return;
    shown = key;
    buttons.length = 0;
    buttons.push(acceptAll, rejectAll);
    showCount(count, items.length, (n) => (n === 1 ? "suggestion" : "suggestions"));
    acceptAll.disabled = rejectAll.disabled = items.length === 0;
    replaceChildren(list, ...items.map(row));
    if (items.length === 0) list.appendChild(h("li", { class: "hint", text: "No suggestions. Turn on Suggest changes (Ctrl+Shift+E) to propose edits instead of making them." }));
  };

  const element = panel("Suggestions", "suggestions", h("div", { class: "panel-tools" }, acceptAll, rejectAll, compare), error, list);
  element.querySelector("summary")?.appendChild(count);
  update();

  return {
    element,
    update,
    reveal() {
      element.open = true;
      element.scrollIntoView?.({ block: "start" });
      const first =
        list.querySelector<HTMLElement>(".suggestion.is-conflict button") ?? list.querySelector<HTMLElement>(".suggestion button") ?? element.querySelector("summary");
      first?.focus();
    },
  };
}
