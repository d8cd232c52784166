import { afterEach, describe, expect, it, vi } from "vitest";
import type { Received } from "../bindings/Received";
import type { Story } from "../bindings/Story";
import { closeModal } from "../components/dialogs";
import { createPanels, type PanelContext } from "../components/panels";
import { story } from "../testing/fixtures";
import { makeAnchor } from "./anchors";
import { diffDialog, renderDiff } from "./diff-dialog";
import { receivedMessage, sentMessage } from "./messages";
import { SelectionMemory } from "./selection";
import { describeBody, mergeConflicts } from "./suggestions-panel";
import { whoamiDialog, whoamiHint } from "./whoami";

const SIG = "{>>Ben Okafor | 2026-12-02T10:04:00Z<<}";

function context(s: Story, overrides: Partial<PanelContext["review"]> = {}) {
  const review = {
    person: () => ({ name: "Ada Reyes", initials: "AR", chosen: true }),
    suggesting: () => false,
    memory: new SelectionMemory(),
    revealBody: vi.fn(),
    commentRange: vi.fn(() => null),
    decide: vi.fn(() => Promise.resolve()),
    compare: vi.fn(),
    reviewChanged: vi.fn(),
    ...overrides,
  };
  const ctx = {
    story: s,
    api: { checkLink: () => Promise.resolve(null) },
    changed: vi.fn(),
    mediaUrl: "dateline-media://localhost/",
    sections: [],
    addPictures: vi.fn(() => Promise.resolve()),
    bodyText: () => s.body,
    review,
  } satisfies PanelContext;
  const panels = createPanels(ctx);
  document.body.replaceChildren(panels.element);
  return { ctx, review, panels, element: panels.element };
}

const q = <T extends HTMLElement = HTMLElement>(root: ParentNode, css: string): T => {
  const el = root.querySelector<T>(css);
  if (!el) throw new Error(`missing ${css}`);
  return el;
};
const all = (root: ParentNode, css: string) => [...root.querySelectorAll<HTMLElement>(css)];
const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  closeModal();
  document.body.replaceChildren();
});

describe("the Comments panel", () => {
  it("comments on words selected in a field, after the selection is made", () => {
    const { ctx, review, element } = context(story());
    const headline = q<HTMLTextAreaElement>(element, '[data-field="headline"]');
    headline.setSelectionRange(8, 14);
    headline.dispatchEvent(new Event("select"));
    headline.blur();
    q(element, "[data-testid=comment-button]").click();
    expect(q(element, ".comment-about").textContent).toBe("On Headline: “return”");
    const text = q<HTMLTextAreaElement>(element, "[data-testid=comment-text]");
    expect(document.activeElement).toBe(text);
    text.value = "Is it a return or a restart?";
    q(element, "[data-testid=comment-save]").click();
    expect(ctx.story.notes).toHaveLength(1);
    expect(ctx.story.notes[0]).toMatchObject({
      author: "Ada Reyes",
      text: "Is it a return or a restart?",
      anchor: { field: "headline", exact: "return", prefix: "Ferries ", suffix: " to Portmere harbour", start: 8, end: 14, removed: false },
      replies: [],
      resolved: null,
    });
    expect(ctx.changed).toHaveBeenCalled();
    expect(review.reviewChanged).toHaveBeenCalled();
    const items = all(element, "[data-testid=comments-list] [data-testid=comment]");
    expect(items).toHaveLength(1);
    expect(items[0]?.dataset.removed).toBe("false");
    expect(items[0]?.textContent).toContain("Headline");
    expect(items[0]?.textContent).toContain("“return”");
    expect(q(element, "[data-testid=comments-count]").textContent).toBe(", 1 open comment");
  });

  it("comments on the body's words in UTF-8 bytes, or on the whole story", () => {
    const body = "Café owners 😀 cheered the ferries.";
    const s = story({ body });
    const { ctx, element, review } = context(s);
    const from = body.indexOf("cheered");
    review.memory.picked("body", () => ({ field: "body", text: body, from, to: from + 7 }));
    q(element, "[data-testid=comment-button]").click();
    q<HTMLTextAreaElement>(element, "[data-testid=comment-text]").value = "Who cheered?";
    q(element, "[data-testid=comment-save]").click();
    const anchor = ctx.story.notes[0]?.anchor;
    expect(anchor).toMatchObject({ field: "body", exact: "cheered", start: new TextEncoder().encode(body.slice(0, from)).length });
    // Nothing selected now: the next comment is about the whole story.
    q(element, "[data-testid=comment-button]").click();
    expect(q(element, ".comment-about").textContent).toContain("About the whole story");
    const text = q<HTMLTextAreaElement>(element, "[data-testid=comment-text]");
    text.value = "Needs a second source.";
    text.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true }));
    expect(ctx.story.notes[1]?.anchor).toBeNull();
    // Clicking the quoted words selects them in the body.
    q(element, "[data-testid=comment] .quote-button").click();
    expect(review.revealBody).toHaveBeenCalledWith(from, from + 7);
  });

  it("replies, resolves (collapsed), reopens and deletes", () => {
    const s = story({ notes: [{ id: "n1", author: "Ben Okafor", text: "Source?", anchor: null, created_at: "2026-12-02T10:04:00Z", replies: [], resolved: null }] });
    const { element } = context(s);
    const reply = q<HTMLTextAreaElement>(element, "[data-testid=reply-text]");
    reply.value = "The harbour master.";
    q(element, "[data-testid=reply-save]").click();
    expect(s.notes[0]?.replies).toMatchObject([{ author: "Ada Reyes", text: "The harbour master." }]);
    expect(q(element, "[data-testid=comment]").textContent).toContain("The harbour master.");
    q(element, "[data-testid=resolve-comment]").click();
    expect(s.notes[0]?.resolved?.by).toBe("Ada Reyes");
    const resolved = q(element, "[data-testid=comment]");
    expect(resolved.tagName).toBe("DETAILS");
    expect(resolved.dataset.resolved).toBe("true");
    expect((resolved as HTMLDetailsElement).open).toBe(false);
    q(element, "[data-testid=reopen-comment]").click();
    expect(s.notes[0]?.resolved).toBeNull();
    q(element, "[data-testid=delete-comment]").click();
    expect(s.notes).toHaveLength(0);
    expect(all(element, "[data-testid=comment]")).toHaveLength(0);
  });

  it("says when the words are gone", () => {
    const anchor = { ...makeAnchor("standfirst", "The crossing reopens", 4, 12), removed: true };
    const s = story({ notes: [{ id: "n1", author: "Ben", text: "Which crossing?", anchor, created_at: "2026-12-02T10:04:00Z", replies: [], resolved: null }] });
    const { element } = context(s);
    const item = q(element, "[data-testid=comment]");
    expect(item.dataset.removed).toBe("true");
    expect(item.textContent).toContain("Text removed");
    expect(item.textContent).toContain("Standfirst");
  });

  it("keeps a reply being written when the list is drawn again", () => {
    const s = story({ notes: [{ id: "n1", author: "Ben", text: "Source?", anchor: null, created_at: "2026-12-02T10:04:00Z", replies: [], resolved: null }] });
    const { panels, element } = context(s);
    const reply = q<HTMLTextAreaElement>(element, "[data-testid=reply-text]");
    reply.value = "Half a thou";
    reply.dispatchEvent(new Event("input"));
    reply.focus();
    s.notes = [{ ...s.notes[0]!, text: "Source, please?" }];
    panels.reviewUpdated();
    const again = q<HTMLTextAreaElement>(element, "[data-testid=reply-text]");
    expect(again).not.toBe(reply);
    expect(again.value).toBe("Half a thou");
    expect(document.activeElement).toBe(again);
  });
});

describe("the Suggestions panel", () => {
  const s = () =>
    story({
      body: `Boats left{++ early++}${SIG} the {--old --}${SIG}harbour at {~~six~>seven~~}{>>Ben Okafor | 2026-12-03T09:00:00Z | conflict<<}.`,
      suggestions: [
        { id: "f1", field: "headline", original: "Ferries return to Portmere harbour", proposed: "Ferries are back", author: "Ben Okafor", created_at: "2026-12-02T10:04:00Z", conflict: false },
        { id: "f2", field: "standfirst", original: "Mine", proposed: "Theirs", author: "Ben Okafor", created_at: "2026-12-02T10:04:00Z", conflict: true },
      ],
    });

  it("lists body and field suggestions with who, what and conflicts", () => {
    const { element } = context(s());
    const items = all(element, "[data-testid=suggestions-list] [data-testid=suggestion]");
    expect(items.map((i) => [i.dataset.kind, i.dataset.conflict])).toEqual([
      ["insert", "false"],
      ["delete", "false"],
      ["replace", "true"],
      ["field", "false"],
      ["field", "true"],
    ]);
    const text = items.map((i) => i.querySelector(".suggestion-what")?.textContent);
    expect(text).toEqual([
      "Insert “early”",
      "Delete “old”",
      "Conflict — yours: “six” / theirs: “seven”",
      "Headline: “Ferries return to Portmere harbour” → “Ferries are back”",
      "Standfirst · Conflict — yours: “Mine” / theirs: “Theirs”",
    ]);
    expect(items[0]?.textContent).toContain("Ben Okafor");
    expect(q(element, "[data-testid=suggestions-count] .count-number").textContent).toBe("5");
    expect(items[2]?.querySelector("[data-testid=accept-suggestion]")?.textContent).toBe("Take theirs");
    expect(items[2]?.querySelector("[data-testid=reject-suggestion]")?.textContent).toBe("Keep yours");
  });

  it("decides one by ordinal or id, or all", async () => {
    const { element, review } = context(s());
    const items = all(element, "[data-testid=suggestion]");
    q(items[1]!, "[data-testid=accept-suggestion]").click();
    await flush();
    expect(review.decide).toHaveBeenLastCalledWith({ body: { ordinal: 1 } }, "accept");
    q(items[3]!, "[data-testid=reject-suggestion]").click();
    await flush();
    expect(review.decide).toHaveBeenLastCalledWith({ field: { id: "f1" } }, "reject");
    q(element, "[data-testid=accept-all]").click();
    await flush();
    expect(review.decide).toHaveBeenLastCalledWith(null, "accept");
    q(element, "[data-testid=reject-all]").click();
    await flush();
    expect(review.decide).toHaveBeenLastCalledWith(null, "reject");
  });

  it("shows why a decision was refused and lets the reporter try again", async () => {
    const { element } = context(s(), { decide: vi.fn(() => Promise.reject({ kind: "stale", message: "the story was changed elsewhere" })) });
    const accept = q<HTMLButtonElement>(element, "[data-testid=accept-suggestion]");
    accept.click();
    expect(accept.disabled).toBe(true);
    await flush();
    expect(q(element, "[data-panel=suggestions] [role=alert]").textContent).toBe("the story was changed elsewhere");
    expect(accept.disabled).toBe(false);
  });

  it("follows the body as it is edited, and counts the conflicts of a merge", () => {
    const st = s();
    const { panels, element } = context(st);
    st.body = "No marks left.";
    panels.bodyChanged();
    expect(all(element, "[data-testid=suggestion]").map((i) => i.dataset.kind)).toEqual(["field", "field"]);
    expect(mergeConflicts(s(), s().body)).toEqual({ count: 2, from: "Ben Okafor" });
    expect(describeBody({ kind: "replace", old: "a", new: "", conflict: false })).toBe("Replace “a” with (empty)");
  });
});

describe("fields in suggest mode", () => {
  it("propose a value instead of changing the field, shown beside it", () => {
    let suggesting = true;
    const st = story();
    const { ctx, element } = context(st, { suggesting: () => suggesting });
    const headline = q<HTMLTextAreaElement>(element, '[data-field="headline"]');
    headline.value = "Ferries are back";
    headline.dispatchEvent(new Event("input"));
    expect(st.headline).toBe("Ferries return to Portmere harbour");
    headline.dispatchEvent(new Event("blur"));
    expect(st.suggestions).toMatchObject([{ field: "headline", original: "Ferries return to Portmere harbour", proposed: "Ferries are back", author: "Ada Reyes", conflict: false }]);
    expect(headline.value).toBe("Ferries return to Portmere harbour");
    expect(q(element, "[data-testid=field-suggestion]").textContent).toBe("Suggested by Ada Reyes: Ferries are back");
    expect(ctx.changed).toHaveBeenCalled();
    // A second proposal by the same person replaces the first; Enter commits.
    headline.value = "Ferries sail again";
    headline.dispatchEvent(new Event("input"));
    headline.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    expect(st.suggestions.map((x) => x.proposed)).toEqual(["Ferries sail again"]);
    // Captions and SEO headlines take suggestions under their core names.
    const seo = q<HTMLInputElement>(element, '[data-field="headlines.seo"]');
    seo.value = "Portmere ferries";
    seo.dispatchEvent(new Event("input"));
    seo.dispatchEvent(new Event("blur"));
    expect(st.suggestions.map((x) => x.field)).toEqual(["headline", "headline.seo"]);
    expect(st.headlines.seo).toBe("");
    // Escape drops the edit; out of suggest mode, typing edits again.
    const kicker = q<HTMLInputElement>(element, '[data-field="kicker"]');
    kicker.value = "Travel";
    kicker.dispatchEvent(new Event("input"));
    kicker.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    expect(kicker.value).toBe("Transport");
    suggesting = false;
    kicker.value = "Travel";
    kicker.dispatchEvent(new Event("input"));
    expect(st.kicker).toBe("Travel");
  });
});

describe("the comparison", () => {
  it("shows each field's added and removed words, or says there are none", () => {
    const el = renderDiff({
      from: "As sent for review",
      to: "Now",
      fields: [
        {
          field: "headline",
          label: "Headline",
          parts: [
            { kind: "equal", text: "Ferries " },
            { kind: "delete", text: "return" },
            { kind: "insert", text: "are back" },
          ],
        },
      ],
    });
    expect(el.querySelector("h3")?.textContent).toBe("Headline");
    expect(el.querySelector("ins")?.textContent).toBe("are back");
    expect(el.querySelector("del")?.textContent).toBe("return");
    expect(el.querySelector(".diff-text")?.textContent).toBe("Ferries returnare back");
    expect(renderDiff({ from: "", to: "", fields: [] }).textContent).toBe("No differences");
  });

  it("compares as sent with now, then any two revisions", async () => {
    const diffStory = vi.fn((_id: string, from: number | null) =>
      Promise.resolve({ from: "", to: "", fields: from === null ? [{ field: "body", label: "Body", parts: [{ kind: "insert" as const, text: "dawn" }] }] : [] }),
    );
    const listRevisions = vi.fn(() =>
      Promise.resolve([{ id: 7, story_id: "s", version: 3, reason: "autosave", origin: "ui", created_at: "2026-12-02T10:04:00Z", headline: "H", word_count: 3, author: "Ada Reyes" }]),
    );
    const beforeDiff = vi.fn(() => Promise.resolve());
    diffDialog({ diffStory, listRevisions }, { story: story(), beforeDiff });
    await vi.waitFor(() => expect(document.querySelector("[data-testid=diff-dialog] ins")?.textContent).toBe("dawn"));
    expect(beforeDiff).toHaveBeenCalled();
    expect(diffStory).toHaveBeenCalledWith(story().id, null, null);
    const from = q<HTMLSelectElement>(document, "[data-testid=diff-from]");
    expect([...from.options].map((o) => o.text)).toEqual(["As sent for review", expect.stringMatching(/^v3 · .+ · Ada Reyes · Autosaved$/)]);
    from.value = "7";
    from.dispatchEvent(new Event("change"));
    await vi.waitFor(() => expect(q(document, "[data-testid=diff-output]").textContent).toBe("No differences"));
    expect(diffStory).toHaveBeenLastCalledWith(story().id, 7, null);
    // Escape closes it.
    q(document, "[data-testid=diff-dialog]").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(document.querySelector("[data-testid=diff-dialog]")).toBeNull();
  });
});

describe("messages and the name", () => {
  const received = (over: Partial<Received>): Received => ({
    story: story({ headline: "Ferries return" }),
    outcome: "merged",
    kind: "return",
    from: "Ada Reyes",
    report: { merged: [], conflicts: [], comments_added: 0, suggestions_added: 0 },
    ...over,
  });

  it("say what a package did", () => {
    expect(sentMessage("Ferries return", { story_id: "s", kind: "review", path: "/tmp/f.dateline-story", bytes: 10 })).toBe(
      "Sent “Ferries return” for review: /tmp/f.dateline-story",
    );
    expect(receivedMessage(received({ outcome: "added", kind: "review" }))).toBe("Added “Ferries return” from Ada Reyes, for review");
    expect(receivedMessage(received({ report: { merged: ["Headline", "Body"], conflicts: ["Standfirst"], comments_added: 0, suggestions_added: 0 } }))).toBe(
      "Merged Ada Reyes's return: Headline, Body changed; 1 conflict (Standfirst) — resolve it in Suggestions",
    );
    expect(receivedMessage(received({}))).toContain("Already up to date");
    expect(receivedMessage(received({ outcome: "restored" }))).toContain("This story had been deleted here; it is back from the package");
    expect(receivedMessage(received({ outcome: "copied" }))).toContain("Kept as a copy: a different story here has the same id");
    expect(receivedMessage(received({ report: { merged: [], conflicts: [], comments_added: 2, suggestions_added: 1 } }))).toBe(
      "Merged Ada Reyes's return: 2 comments added, 1 suggestion added",
    );
  });

  it("is set in a dialog, suggested by a quiet line until then", async () => {
    const open = vi.fn();
    const hint = whoamiHint({ name: "root", initials: "R", chosen: false }, open);
    expect(hint.textContent).toContain("Comments and suggestions are signed “root”.");
    q(hint, "button").click();
    expect(open).toHaveBeenCalled();

    const setWhoami = vi.fn((name: string, initials: string | null) => Promise.resolve({ name, initials: initials ?? "AR", chosen: true }));
    const chosen = vi.fn();
    whoamiDialog({ setWhoami }, { name: "root", initials: "R", chosen: false }, chosen);
    const name = q<HTMLInputElement>(document, "[data-testid=whoami-name]");
    expect(name.placeholder).toBe("root");
    q(document, "[data-testid=whoami-save]").click();
    expect(q(document, "[data-testid=whoami-dialog] [role=alert]").textContent).toBe("Type your name first.");
    name.value = "Ada Reyes";
    name.dispatchEvent(new Event("input"));
    expect(q<HTMLInputElement>(document, "[data-testid=whoami-initials]").placeholder).toBe("AR");
    q(document, "[data-testid=whoami-save]").click();
    await flush();
    expect(setWhoami).toHaveBeenCalledWith("Ada Reyes", null);
    expect(chosen).toHaveBeenCalledWith({ name: "Ada Reyes", initials: "AR", chosen: true });
    expect(document.querySelector("[data-testid=whoami-dialog]")).toBeNull();
  });
});
