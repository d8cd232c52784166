// The side panels: every part of a story besides its body, each edited in
// place. A change the core would refuse (an empty headline, a javascript:
// link) is explained beside the field and not applied, so the stored story
// never takes it. In suggest mode an edit to a text field becomes a proposed
// value instead (shown beside the field); the Suggestions and Comments
// panels come from review/.
import type { Api } from "../api";
import type { Byline } from "../bindings/Byline";
import type { Decision } from "../bindings/Decision";
import type { Media } from "../bindings/Media";
import type { Note } from "../bindings/Note";
import type { Person } from "../bindings/Person";
import type { RelatedLink } from "../bindings/RelatedLink";
import type { Story } from "../bindings/Story";
import type { Suggestion } from "../bindings/Suggestion";
import type { SuggestionTarget } from "../bindings/SuggestionTarget";
import { budgetState, BUDGETS, counterText, type Budget } from "../logic/budgets";
import { fromLocalInput, moved, parseTags, toLocalInput } from "../logic/format";
import { locateAnchor } from "../review/anchors";
import { createCommentsPanel } from "../review/comments-panel";
import { fieldValue, isBody } from "../review/fields";
import { trackFieldSelection, type SelectionMemory } from "../review/selection";
import { createSuggestionsPanel } from "../review/suggestions-panel";
import { correctionsPanel } from "./corrections-panel";
import { h, replaceChildren } from "./dom";

/** What the review panels and the fields need besides the story. */
export interface ReviewContext {
  /** Who signs comments and suggestions. */
  person: () => Person;
  /** Whether edits become suggestions. */
  suggesting: () => boolean;
  /** The last words selected, for a comment. */
  memory: SelectionMemory;
  /** Selects a stretch of the body (UTF-16) and scrolls to it. */
  revealBody: (from: number, to: number) => void;
  /** Where a body comment's words are in the editor now, if it knows. */
  commentRange: (id: string) => { from: number; to: number } | null;
  /** Decides one suggestion, or all of them (target null). */
  decide: (target: SuggestionTarget | null, decision: Decision) => Promise<void>;
  /** Opens the comparison with the version sent for review. */
  compare: () => void;
  /** The story's comments or suggestions changed in the panels. */
  reviewChanged: () => void;
}

export interface PanelContext {
  story: Story;
  api: Pick<Api, "checkLink">;
  /** Call after every change to `story`. */
  changed: () => void;
  /** Prefix of picture URLs (`<prefix><hash>`). */
  mediaUrl: string;
  sections: string[];
  /** Opens the native dialog and attaches the chosen pictures. */
  addPictures: () => Promise<void>;
  /** The body as the editor holds it now. */
  bodyText: () => string;
  review: ReviewContext;
  /** Where the story went ("Published to", cms/), shown after the others. */
  published?: HTMLElement;
}

interface FieldOptions {
  label: string;
  field: string;
  value: string;
  multiline?: boolean;
  rows?: number;
  type?: string;
  budget?: Budget;
  placeholder?: string;
  hint?: string;
  /** Returns an error sentence to refuse the value, or null to accept it. */
  validate?: (value: string) => string | null;
  apply: (value: string) => void;
  list?: string;
  /** The field's name for comments and suggestions ("headline.seo",
   * "caption:<id>"): `comment` when words in it take comments, `suggest`
   * when an edit becomes a suggestion in suggest mode. */
  review?: { field: string; comment?: boolean; suggest?: boolean };
}

/** The values proposed for a field, shown beside it. */
function showFieldSuggestions(box: HTMLElement, story: Story, field: string): void {
  const mine = story.suggestions.filter((x: Suggestion) => x.field === field);
  replaceChildren(
    box,
    ...mine.map((x) =>
      h(
        "p",
        { class: `field-suggestion${x.conflict ? " is-conflict" : ""}`, attrs: { "data-testid": "field-suggestion", "data-conflict": String(x.conflict) } },
        h("span", { class: "note-meta", text: x.conflict ? `Theirs (${x.author || "unsigned"}, conflict): ` : `Suggested by ${x.author || "someone"}: ` }),
        x.proposed === "" ? h("em", { text: "(empty)" }) : h("ins", { text: x.proposed }),
      ),
    ),
  );
  box.hidden = mine.length === 0;
}

/** A labelled input with its live counter and inline error. */
export function textField(ctx: PanelContext, o: FieldOptions): HTMLElement {
  const id = `f-${o.field.replace(/[^a-z0-9]+/gi, "-")}-${Math.random().toString(36).slice(2, 7)}`;
  const input = o.multiline
    ? h("textarea", { id, attrs: { rows: o.rows ?? 3, "data-field": o.field, placeholder: o.placeholder, spellcheck: "true" } })
    : h("input", {
        id,
        attrs: { type: o.type ?? "text", "data-field": o.field, placeholder: o.placeholder, list: o.list, spellcheck: o.type ? undefined : "true" },
      });
  input.value = o.value;
  // The counter, the hint and the error are the field's description: a
  // screen reader reads "42 / 60 characters" with the field, not apart.
  const counter = o.budget && h("span", { id: `${id}-count`, class: "counter", title: o.budget.why, attrs: { "data-counter-for": o.field } });
  // Never shown: read after the counter's figures.
  const unit = counter && h("span", { id: `${id}-unit`, text: "characters" });
  if (unit) unit.hidden = true;
  const hint = o.hint ? h("p", { id: `${id}-hint`, class: "hint", text: o.hint }) : null;
  const error = h("p", { id: `${id}-error`, class: "field-error", attrs: { role: "alert", "data-error-for": o.field } });
  error.hidden = true;
  input.setAttribute("aria-describedby", [counter && counter.id, unit && unit.id, hint && hint.id, error.id].filter(Boolean).join(" "));
  const review = o.review;
  const suggests = () => review?.suggest === true && ctx.review.suggesting();
  const showCounter = () => {
    if (counter && o.budget) {
      counter.textContent = counterText(input.value, o.budget);
      counter.dataset.state = budgetState(input.value, o.budget);
    }
  };
  /** Typed in suggest mode and not yet proposed. */
  let pending = false;
  const update = () => {
    showCounter();
    const problem = o.validate?.(input.value) ?? null;
    error.textContent = problem ?? "";
    error.hidden = problem === null;
    input.setAttribute("aria-invalid", String(problem !== null));
    // In suggest mode nothing is applied: the edit is proposed on Enter or
    // when the field is left (see `propose`).
    pending = suggests();
    if (problem !== null || pending) return;
    o.apply(input.value);
    ctx.changed();
  };
  input.addEventListener("input", update);
  showCounter();
  const suggestions = review?.suggest ? h("div", { class: "field-suggestions", attrs: { "data-suggestions-for": review.field } }) : null;
  if (review && suggestions) {
    const current = () => fieldValue(ctx.story, review.field) ?? "";
    const restore = () => {
      pending = false;
      input.value = current();
      error.hidden = true;
      input.setAttribute("aria-invalid", "false");
      showCounter();
    };
    /** In suggest mode the edit becomes a proposed value; the field keeps its text. */
    const propose = () => {
      if (!pending) return;
      if (!suggests()) {
        update();
        return;
      }
      const original = current();
      const proposed = input.value;
      if (proposed !== original && (o.validate?.(proposed) ?? null) === null) {
        const author = ctx.review.person().name;
        const suggestion: Suggestion = { id: crypto.randomUUID(), field: review.field, original, proposed, author, created_at: new Date().toISOString(), conflict: false };
        // One suggestion per person and field: a new one replaces theirs.
        ctx.story.suggestions = [...ctx.story.suggestions.filter((x) => x.conflict || x.field !== review.field || x.author !== author), suggestion];
        ctx.changed();
        showFieldSuggestions(suggestions, ctx.story, review.field);
        ctx.review.reviewChanged();
      }
      restore();
    };
    input.addEventListener("blur", propose);
    input.addEventListener("keydown", (e: Event) => {
      const key = (e as KeyboardEvent).key;
      if (key === "Enter" && !(e as KeyboardEvent).shiftKey && pending) {
        e.preventDefault();
        propose();
      } else if (key === "Escape" && pending) {
        e.stopPropagation();
        restore();
      }
    });
    showFieldSuggestions(suggestions, ctx.story, review.field);
  }
  if (review?.comment) trackFieldSelection(ctx.review.memory, input, review.field);
  if (review) input.dataset.reviewField = review.field;
  return h(
    "div",
    { class: "field" },
    h("div", { class: "field-label" }, h("label", { text: o.label, attrs: { for: id } }), counter, unit),
    input,
    suggestions,
    hint,
    error,
  );
}

/**
 * A URL input checked by the core (`check_url`) as it is typed: a refused
 * link shows the core's sentence and the story keeps the previous one.
 */
function urlField(
  ctx: PanelContext,
  label: string,
  field: string,
  value: string,
  apply: (url: string) => void,
): HTMLElement {
  const id = `f-${field}-${Math.random().toString(36).slice(2, 7)}`;
  const input = h("input", { id, attrs: { type: "url", "data-field": field, placeholder: "https://…", spellcheck: "false", "aria-describedby": `${id}-error` } });
  input.value = value;
  const error = h("p", { id: `${id}-error`, class: "field-error", attrs: { role: "alert", "data-error-for": field } });
  error.hidden = true;
  let asked = 0;
  input.addEventListener("input", () => {
    const url = input.value.trim();
    const mine = ++asked;
    const show = (message: string | null) => {
      if (mine !== asked) return;
      error.textContent = message ?? "";
      error.hidden = message === null;
      input.setAttribute("aria-invalid", String(message !== null));
    };
    if (url === "") {
      show(null);
      apply("");
      ctx.changed();
      return;
    }
    ctx.api.checkLink(field, url).then(
      () => {
        if (mine !== asked) return;
        show(null);
        apply(url);
        ctx.changed();
      },
      (e: unknown) => show((e as { message?: string }).message ?? String(e)),
    );
  });
  return h("div", { class: "field" }, h("label", { class: "field-label", text: label, attrs: { for: id } }), input, error);
}

/** Panels opened or closed by hand, kept so for the next story. */
const openPanels = new Map<string, boolean>();

/** A panel that opens and closes, remembered for the next story. */
export function section(title: string, key: string, open: boolean, ...children: (Node | null | false)[]): HTMLDetailsElement {
  const details = h("details", { class: "panel", attrs: { "data-panel": key } }, h("summary", {}, h("span", { text: title })));
  details.open = openPanels.get(key) ?? open;
  // Opening it here queues a toggle event too: only the reader's are kept,
  // or a panel open for one story (corrections) would stay open for all.
  let opened = details.open;
  details.addEventListener("toggle", () => {
    if (opened) opened = false;
    else openPanels.set(key, details.open);
  });
  for (const child of children) if (child) details.appendChild(child);
  return details;
}

function rowButtons(onUp: () => void, onDown: () => void, onRemove: () => void, what: string, index: number, count: number) {
  return h(
    "div",
    { class: "row-buttons" },
    h("button", { class: "icon", text: "↑", title: `Move ${what} up`, attrs: { "aria-label": `Move ${what} up`, disabled: index === 0, "data-action": "up" }, on: { click: onUp } }),
    h("button", { class: "icon", text: "↓", title: `Move ${what} down`, attrs: { "aria-label": `Move ${what} down`, disabled: index === count - 1, "data-action": "down" }, on: { click: onDown } }),
    h("button", { class: "icon danger", text: "×", title: `Remove ${what}`, attrs: { "aria-label": `Remove ${what}`, "data-action": "remove" }, on: { click: onRemove } }),
  );
}

function headlines(ctx: PanelContext): HTMLElement {
  const s = ctx.story;
  return section(
    "Headlines",
    "headlines",
    true,
    textField(ctx, {
      label: "Kicker",
      field: "kicker",
      value: s.kicker,
      budget: BUDGETS.kicker,
      placeholder: "Analysis, Newsflash…",
      apply: (v) => (s.kicker = v),
      review: { field: "kicker", comment: true, suggest: true },
    }),
    textField(ctx, {
      label: "Headline",
      field: "headline",
      value: s.headline,
      multiline: true,
      rows: 2,
      budget: BUDGETS.headline,
      validate: (v) => (v.trim() === "" ? "A story needs a headline; it is saved again once it has one." : null),
      apply: (v) => (s.headline = v),
      review: { field: "headline", comment: true, suggest: true },
    }),
    textField(ctx, {
      label: "SEO headline",
      field: "headlines.seo",
      value: s.headlines.seo,
      budget: BUDGETS.seo,
      placeholder: "Blank: the headline is used",
      apply: (v) => (s.headlines.seo = v),
      review: { field: "headline.seo", suggest: true },
    }),
    textField(ctx, {
      label: "Social headline",
      field: "headlines.social",
      value: s.headlines.social,
      budget: BUDGETS.social,
      placeholder: "Blank: the headline is used",
      apply: (v) => (s.headlines.social = v),
      review: { field: "headline.social", suggest: true },
    }),
    textField(ctx, {
      label: "Print headline",
      field: "headlines.print",
      value: s.headlines.print,
      budget: BUDGETS.print,
      placeholder: "Blank: the headline is used",
      apply: (v) => (s.headlines.print = v),
      review: { field: "headline.print", suggest: true },
    }),
  );
}

function summary(ctx: PanelContext): HTMLElement {
  const s = ctx.story;
  return section(
    "Standfirst and description",
    "summary",
    true,
    textField(ctx, {
      label: "Standfirst",
      field: "standfirst",
      value: s.standfirst,
      multiline: true,
      rows: 3,
      budget: BUDGETS.standfirst,
      apply: (v) => (s.standfirst = v),
      review: { field: "standfirst", comment: true, suggest: true },
    }),
    textField(ctx, {
      label: "Meta description",
      field: "meta_description",
      value: s.meta_description,
      multiline: true,
      rows: 3,
      budget: BUDGETS.meta,
      hint: "What search engines show under the title: 120–156 characters reads best.",
      apply: (v) => (s.meta_description = v),
      review: { field: "meta_description", suggest: true },
    }),
  );
}

function bylines(ctx: PanelContext): HTMLElement {
  const s = ctx.story;
  const list = h("div", { class: "rows", attrs: { "data-list": "bylines" } });
  const render = () => {
    replaceChildren(
      list,
      ...s.bylines.map((b, i) =>
        h(
          "div",
          { class: "row-card", attrs: { "data-byline-index": i } },
          textField(ctx, {
            label: "Name",
            field: "name",
            value: b.name,
            validate: (v) => (v.trim() === "" ? "A byline needs a name (remove it instead)." : null),
            apply: (v) => (b.name = v),
          }),
          textField(ctx, { label: "Role", field: "role", value: b.role, placeholder: "Staff reporter", apply: (v) => (b.role = v) }),
          urlField(ctx, "Profile link", "url", b.url ?? "", (url) => (b.url = url === "" ? null : url)),
          rowButtons(
            () => {
              s.bylines = moved(s.bylines, i, -1);
              ctx.changed();
              render();
            },
            () => {
              s.bylines = moved(s.bylines, i, 1);
              ctx.changed();
              render();
            },
            () => {
              s.bylines.splice(i, 1);
              ctx.changed();
              render();
            },
            "byline",
            i,
            s.bylines.length,
          ),
        ),
      ),
    );
  };
  render();
  const name = h("input", { attrs: { type: "text", placeholder: "Name", "data-field": "new-byline-name", "aria-label": "New byline name" } });
  const role = h("input", { attrs: { type: "text", placeholder: "Role", "data-field": "new-byline-role", "aria-label": "New byline role" } });
  const error = h("p", { class: "field-error", attrs: { role: "alert" } });
  error.hidden = true;
  const add = () => {
    if (!name.value.trim()) {
      error.textContent = "Type the name first.";
      error.hidden = false;
      return;
    }
    const byline: Byline = { name: name.value.trim(), role: role.value.trim(), url: null };
    s.bylines.push(byline);
    name.value = "";
    role.value = "";
    error.hidden = true;
    ctx.changed();
    render();
  };
  name.addEventListener("keydown", (e) => e.key === "Enter" && add());
  role.addEventListener("keydown", (e) => e.key === "Enter" && add());
  return h(
    "div",
    { class: "group" },
    h("h3", { text: "Bylines" }),
    list,
    h("div", { class: "add-row" }, name, role, h("button", { text: "Add byline", attrs: { "data-testid": "add-byline" }, on: { click: add } })),
    error,
  );
}

function people(ctx: PanelContext): HTMLElement {
  const s = ctx.story;
  return section(
    "Byline and dateline",
    "people",
    true,
    bylines(ctx),
    h(
      "div",
      { class: "two" },
      textField(ctx, { label: "Dateline place", field: "dateline.place", value: s.dateline.place, placeholder: "Kabul", apply: (v) => (s.dateline.place = v) }),
      textField(ctx, {
        label: "Dateline date",
        field: "dateline.date",
        value: s.dateline.date ?? "",
        type: "date",
        apply: (v) => (s.dateline.date = v === "" ? null : v),
      }),
    ),
    textField(ctx, {
      label: "Publish at",
      field: "publish_at",
      value: toLocalInput(s.publish_at),
      type: "datetime-local",
      hint: "The date shown on the story; your local time.",
      apply: (v) => (s.publish_at = fromLocalInput(v)),
    }),
  );
}

function filing(ctx: PanelContext): HTMLElement {
  const s = ctx.story;
  const listId = "known-sections";
  return section(
    "Section and tags",
    "filing",
    true,
    h("datalist", { id: listId }, ...ctx.sections.map((name) => h("option", { attrs: { value: name } }))),
    textField(ctx, { label: "Section", field: "section", value: s.section, list: listId, placeholder: "World", apply: (v) => (s.section = v.trim()) }),
    textField(ctx, { label: "Tags", field: "tags", value: s.tags.join(", "), placeholder: "diplomacy, afghanistan", hint: "Separated by commas.", apply: (v) => (s.tags = parseTags(v)) }),
    textField(ctx, { label: "Focus keyphrase", field: "focus_keyphrase", value: s.focus_keyphrase, apply: (v) => (s.focus_keyphrase = v) }),
  );
}

function sizeText(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} kB`;
}

function media(ctx: PanelContext): { element: HTMLElement; render: () => void } {
  const s = ctx.story;
  const list = h("div", { class: "rows", attrs: { "data-list": "media" } });
  const render = () => {
    replaceChildren(
      list,
      ...s.media.map((m: Media, i) => {
        const hero = h("input", { attrs: { type: "radio", name: "hero", "data-field": "hero", "aria-label": "Hero picture" } });
        hero.checked = m.hero;
        hero.addEventListener("change", () => {
          for (const other of s.media) other.hero = other === m;
          ctx.changed();
        });
        return h(
          "div",
          { class: "row-card media-card", attrs: { "data-media-index": i } },
          h(
            "div",
            { class: "media-head" },
            m.file
              ? h("img", { class: "thumb", attrs: { src: `${ctx.mediaUrl}${m.file.hash}`, alt: m.alt_text || "Picture without alt text", loading: "lazy" } })
              : h("div", { class: "thumb missing", text: "No file" }),
            h(
              "div",
              { class: "media-file" },
              h("strong", { text: m.file ? m.file.file_name : "Picture file missing" }),
              m.file && h("span", { text: `${m.file.mime.replace("image/", "").toUpperCase()} · ${sizeText(m.file.size)}` }),
              h("label", { class: "hero-choice" }, hero, " Hero (shown above the story)"),
            ),
          ),
          textField(ctx, {
            label: "Caption",
            field: "caption",
            value: m.caption,
            multiline: true,
            rows: 2,
            apply: (v) => (m.caption = v),
            review: { field: `caption:${m.id}`, comment: true, suggest: true },
          }),
          textField(ctx, { label: "Credit", field: "credit", value: m.credit, placeholder: "Photo: Name/Agency", apply: (v) => (m.credit = v) }),
          textField(ctx, {
            label: "Alt text",
            field: "alt_text",
            value: m.alt_text,
            multiline: true,
            rows: 2,
            hint: "What the picture shows, for readers who cannot see it.",
            apply: (v) => (m.alt_text = v),
          }),
          textField(ctx, { label: "Rights", field: "rights", value: m.rights, placeholder: "Handout, editorial use only", apply: (v) => (m.rights = v) }),
          rowButtons(
            () => {
              s.media = moved(s.media, i, -1);
              ctx.changed();
              render();
            },
            () => {
              s.media = moved(s.media, i, 1);
              ctx.changed();
              render();
            },
            () => {
              s.media.splice(i, 1);
              ctx.changed();
              render();
            },
            "picture",
            i,
            s.media.length,
          ),
        );
      }),
    );
    if (s.media.length === 0) list.appendChild(h("p", { class: "hint", text: "No pictures. Add one, or drop picture files on the window." }));
  };
  render();
  const element = section(
    "Media",
    "media",
    true,
    list,
    h("button", { text: "Add picture…", attrs: { "data-testid": "add-picture" }, on: { click: () => void ctx.addPictures() } }),
  );
  return { element, render };
}

function related(ctx: PanelContext): HTMLElement {
  const s = ctx.story;
  const list = h("div", { class: "rows", attrs: { "data-list": "related" } });
  const render = () => {
    replaceChildren(
      list,
      ...s.related.map((r: RelatedLink, i) =>
        h(
          "div",
          { class: "row-card", attrs: { "data-related-index": i } },
          textField(ctx, {
            label: "Title",
            field: "title",
            value: r.title,
            validate: (v) => (v.trim() === "" ? "A related link needs a title (remove it instead)." : null),
            apply: (v) => (r.title = v),
          }),
          urlField(ctx, "Link", "url", r.url, (url) => (r.url = url)),
          textField(ctx, { label: "Summary", field: "summary", value: r.summary, apply: (v) => (r.summary = v) }),
          rowButtons(
            () => {
              s.related = moved(s.related, i, -1);
              ctx.changed();
              render();
            },
            () => {
              s.related = moved(s.related, i, 1);
              ctx.changed();
              render();
            },
            () => {
              s.related.splice(i, 1);
              ctx.changed();
              render();
            },
            "link",
            i,
            s.related.length,
          ),
        ),
      ),
    );
  };
  render();
  const title = h("input", { attrs: { type: "text", placeholder: "Title", "data-field": "new-related-title", "aria-label": "New related link title" } });
  const url = h("input", { attrs: { type: "url", placeholder: "https://…", "data-field": "new-related-url", "aria-label": "New related link URL", spellcheck: "false" } });
  const blurb = h("input", { attrs: { type: "text", placeholder: "One-line summary (optional)", "data-field": "new-related-summary", "aria-label": "New related link summary" } });
  const error = h("p", { class: "field-error", attrs: { role: "alert", "data-error-for": "new-related" } });
  error.hidden = true;
  const add = async () => {
    const link: RelatedLink = { title: title.value.trim(), url: url.value.trim(), summary: blurb.value.trim() };
    if (!link.title) {
      error.textContent = "Type the link's title first.";
      error.hidden = false;
      return;
    }
    if (link.url) {
      try {
        await ctx.api.checkLink(`related[${s.related.length}].url`, link.url);
      } catch (e) {
        error.textContent = (e as { message?: string }).message ?? String(e);
        error.hidden = false;
        return;
      }
    }
    s.related.push(link);
    title.value = "";
    url.value = "";
    blurb.value = "";
    error.hidden = true;
    ctx.changed();
    render();
  };
  for (const input of [title, url, blurb]) input.addEventListener("keydown", (e) => e.key === "Enter" && void add());
  return section(
    "Related links",
    "related",
    true,
    list,
    h("div", { class: "add-card" }, title, url, blurb, h("button", { text: "Add link", attrs: { "data-testid": "add-related" }, on: { click: () => void add() } }), error),
  );
}

export interface Panels {
  element: HTMLElement;
  /** Redraws the media list (after pictures were attached from outside). */
  refreshMedia: () => void;
  /** Puts the cursor in the headline, its text selected (a new story). */
  focusHeadline: () => void;
  /** Opens the box for a comment on the last words selected. */
  startComment: () => void;
  /** Scrolls to a comment (`focus`: and moves the keyboard to it). */
  showComment: (id: string, focus: boolean) => void;
  /** Opens the Suggestions panel and moves the keyboard to it. */
  showSuggestions: () => void;
  /** The body changed: its suggestions are read again. */
  bodyChanged: () => void;
  /** The story's comments or suggestions were replaced (a save): redraws them. */
  reviewUpdated: () => void;
}

export function createPanels(ctx: PanelContext): Panels {
  const m = media(ctx);
  const panel = (title: string, key: string, ...children: Node[]) => section(title, key, true, ...children);
  const suggestions = createSuggestionsPanel(
    {
      story: ctx.story,
      bodyText: ctx.bodyText,
      decide: ctx.review.decide,
      revealBody: ctx.review.revealBody,
      compare: ctx.review.compare,
    },
    panel,
  );
  let element: HTMLElement | null = null;
  const revealComment = (note: Note) => {
    const anchor = note.anchor;
    if (!anchor) return;
    if (isBody(anchor.field)) {
      const at = ctx.review.commentRange(note.id) ?? locateAnchor(anchor, ctx.bodyText());
      if (at) ctx.review.revealBody(at.from, at.to);
      return;
    }
    const input = [...(element?.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("[data-review-field]") ?? [])].find((el) => el.dataset.reviewField === anchor.field);
    if (!input) return;
    const at = locateAnchor(anchor, input.value);
    input.focus();
    if (at) input.setSelectionRange(at.from, at.to);
  };
  const comments = createCommentsPanel(
    {
      story: ctx.story,
      person: ctx.review.person,
      memory: ctx.review.memory,
      changed: () => {
        ctx.changed();
        ctx.review.reviewChanged();
      },
      reveal: revealComment,
    },
    panel,
  );
  element = h(
    "div",
    { class: "panels" },
    headlines(ctx),
    summary(ctx),
    people(ctx),
    filing(ctx),
    m.element,
    related(ctx),
    correctionsPanel(ctx),
    suggestions.element,
    comments.element,
    ctx.published,
  );
  const root = element;
  const refreshFields = () => {
    for (const box of root.querySelectorAll<HTMLElement>("[data-suggestions-for]")) {
      showFieldSuggestions(box, ctx.story, box.dataset.suggestionsFor ?? "");
    }
  };
  return {
    element: root,
    refreshMedia: () => {
      m.render();
      refreshFields();
    },
    focusHeadline() {
      const headline = root.querySelector<HTMLTextAreaElement>('[data-field="headline"]');
      headline?.focus();
      headline?.select();
    },
    startComment: () => comments.start(),
    showComment: (id, focus) => comments.show(id, focus),
    showSuggestions: () => suggestions.reveal(),
    bodyChanged: () => suggestions.update(),
    reviewUpdated() {
      comments.update();
      suggestions.update();
      refreshFields();
    },
  };
}
