// "Compare": what changed in the story between two points, field by field,
// word by word: from the version sent (or received) for review, or any
// revision, to now or a later revision. The core works out the differences
// (diff_story); this shows them, added words underlined and taken-out words
// struck through, so the difference does not rest on colour alone.
import type { Api } from "../api";
import type { ReviewDiff } from "../bindings/ReviewDiff";
import type { RevisionInfo } from "../bindings/RevisionInfo";
import type { Story } from "../bindings/Story";
import { modal, type Modal } from "../components/dialogs";
import { h, replaceChildren } from "../components/dom";
import { fullTime, revisionReason } from "../logic/format";

export interface DiffRequest {
  story: Story;
  /** Saves pending edits first, so "Now" is what is on screen. */
  beforeDiff: () => Promise<void>;
  /** A revision id to start from (default: as sent for review). */
  from?: number | null;
  /** A revision id to end at (default: now). */
  to?: number | null;
}

/** "v12 · 2/12/2026, 10:04:00 · Ada Reyes · Autosaved". */
export function revisionLabel(rev: RevisionInfo): string {
  return [`v${rev.version}`, fullTime(rev.created_at), rev.author, revisionReason(rev.reason)].filter(Boolean).join(" · ");
}

/** Each changed field: its label, then its text with <ins> and <del>. */
export function renderDiff(diff: ReviewDiff): HTMLElement {
  if (diff.fields.length === 0) return h("p", { class: "diff-empty", text: "No differences", attrs: { "data-testid": "diff-empty" } });
  return h(
    "div",
    { class: "diff-fields" },
    ...diff.fields.map((f) =>
      h(
        "section",
        { class: "diff-field", attrs: { "data-diff-field": f.field } },
        h("h3", { text: f.label }),
        h(
          "p",
          { class: "diff-text" },
          ...f.parts.map((p) => {
            if (p.kind === "insert") return h("ins", { text: p.text, title: "Added" });
            if (p.kind === "delete") return h("del", { text: p.text, title: "Taken out" });
            return p.text;
          }),
        ),
      ),
    ),
  );
}

const SENT = "sent";
const NOW = "now";

export function diffDialog(api: Pick<Api, "listRevisions" | "diffStory">, req: DiffRequest): Modal {
  const from = h("select", { attrs: { "data-testid": "diff-from", id: "diff-from" } }, h("option", { text: "As sent for review", attrs: { value: SENT } }));
  const to = h("select", { attrs: { "data-testid": "diff-to", id: "diff-to" } }, h("option", { text: "Now", attrs: { value: NOW } }));
  const output = h("div", { class: "diff-output", attrs: { "aria-live": "polite", "data-testid": "diff-output" } }, h("p", { class: "hint", text: "Comparing…" }));
  const error = h("p", { class: "field-error", attrs: { role: "alert" } });
  error.hidden = true;
  const m = modal(
    `Compare “${req.story.headline}”`,
    "diff-dialog",
    h(
      "div",
      { class: "diff-controls" },
      h("label", { text: "From", attrs: { for: "diff-from" } }),
      from,
      h("label", { text: "To", attrs: { for: "diff-to" } }),
      to,
    ),
    error,
    output,
    h("p", { class: "hint diff-legend" }, "Added words are ", h("ins", { text: "underlined" }), ", words taken out ", h("del", { text: "struck through" }), "."),
  );
  m.element.classList.add("wide");

  const revision = (select: HTMLSelectElement, none: string) => (select.value === none ? null : Number(select.value));
  let asked = 0;
  const compare = async () => {
    const mine = ++asked;
    error.hidden = true;
    try {
      const diff = await api.diffStory(req.story.id, revision(from, SENT), revision(to, NOW));
      if (mine === asked) replaceChildren(output, renderDiff(diff));
    } catch (e) {
      if (mine !== asked) return;
      replaceChildren(output);
      error.textContent = (e as { message?: string }).message ?? String(e);
      error.hidden = false;
    }
  };
  from.addEventListener("change", () => void compare());
  to.addEventListener("change", () => void compare());
  from.focus();

  const start = async () => {
    const [, revisions] = await Promise.all([req.beforeDiff(), api.listRevisions(req.story.id).catch(() => [] as RevisionInfo[])]);
    for (const rev of revisions) {
      from.appendChild(h("option", { text: revisionLabel(rev), attrs: { value: rev.id } }));
      to.appendChild(h("option", { text: revisionLabel(rev), attrs: { value: rev.id } }));
    }
    if (req.from != null) from.value = String(req.from);
    if (req.to != null) to.value = String(req.to);
    await compare();
  };
  start().catch((e: unknown) => {
    error.textContent = (e as { message?: string }).message ?? String(e);
    error.hidden = false;
  });
  return m;
}
