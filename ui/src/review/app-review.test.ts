import { EditorView } from "@codemirror/view";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Story } from "../bindings/Story";
import { closeModal } from "../components/dialogs";
import { story, summary } from "../testing/fixtures";
import { makeAnchor } from "./anchors";
import { mountApp, stubWebView, windowReply } from "../testing/webview";

const BEN = "{>>Ben Okafor | 2026-12-02T10:04:00Z<<}";
const BODY = `Boats left{++ early++}${BEN} the harbour at {~~six~>seven~~}{>>Ben Okafor | 2026-12-03T09:00:00Z | conflict<<}.`;

function reviewed(): Story {
  const at = BODY.indexOf("harbour");
  return story({
    body: BODY,
    version: 4,
    notes: [{ id: "n1", author: "Ben Okafor", text: "Which harbour?", anchor: makeAnchor("body", BODY, at, at + 7), created_at: "2026-12-02T10:04:00Z", replies: [], resolved: null }],
    suggestions: [{ id: "f1", field: "standfirst", original: "Mine", proposed: "Theirs", author: "Ben Okafor", created_at: "2026-12-02T10:04:00Z", conflict: true }],
  });
}

async function startApp(open: Story, review = "From Ben Okafor, for review") {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  const decided = story({ ...open, body: "Boats left early the harbour at seven.", suggestions: [], version: 9 });
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    switch (cmd) {
      case "list_stories":
        return [{ ...summary(open), review }];
      case "whoami":
        return { name: "root", initials: "R", chosen: false };
      case "decide_suggestion":
      case "decide_all_suggestions":
        return decided;
      case "send_story":
        return { story_id: open.id, kind: "return", path: "/home/ben/ferries.dateline-story", bytes: 100 };
      case "receive_packages":
        return [
          {
            story: { ...open, headline: "Ferries are back" },
            outcome: "merged",
            kind: "return",
            from: "Ben Okafor",
            report: { merged: ["Headline", "Body"], conflicts: ["Standfirst"], comments_added: 0, suggestions_added: 0 },
          },
        ];
      default:
        return windowReply(cmd, args, open);
    }
  });
  const { root, drop } = await mountApp();
  const cm = root.querySelector<HTMLElement>(".cm-editor");
  const view = cm && EditorView.findFromDOM(cm);
  if (!view) throw new Error("no editor");
  return { calls, root, view, drop };
}

const $ = <T extends HTMLElement = HTMLElement>(root: ParentNode, css: string): T => {
  const el = root.querySelector<T>(css);
  if (!el) throw new Error(`missing ${css}`);
  return el;
};
const toasts = () => [...document.querySelectorAll(".toast")].map((t) => t.textContent ?? "");

describe("reviewing in the window", () => {
  beforeEach(stubWebView);
  afterEach(() => {
    closeModal();
    clearMocks();
    vi.unstubAllGlobals();
  });

  it("shows who signs, the conflicts, the comments and the suggestions of a returned story", async () => {
    const { root, view } = await startApp(reviewed());
    await vi.waitFor(() => expect($(root, "[data-testid=whoami]").textContent).toBe("Signed as root"));
    expect($(root, "[data-testid=whoami-hint]").textContent).toContain("Comments and suggestions are signed “root”.");
    // Not a dialog: the window is free to use at once.
    expect(document.querySelector("[role=dialog]")).toBeNull();
    expect($(root, "[data-testid=send-for-review]").textContent).toBe("Return to reporter…");
    expect($(root, "[data-testid=review-badge]").textContent).toBe("From Ben Okafor, for review");

    const banner = $(root, "[data-testid=merge-conflict-banner]");
    expect(banner.hidden).toBe(false);
    expect(banner.textContent).toContain("2 conflicts from merging Ben Okafor's return: choose yours or theirs in Suggestions");
    expect($(root, "[data-testid=suggestions-count] .count-number").textContent).toBe("3");

    // The comment's words are highlighted in the body; a click shows the comment.
    const mark = $(view.contentDOM, ".cm-comment");
    expect(mark.textContent).toBe("harbour");
    mark.click();
    expect($(root, "[data-testid=comment]").classList.contains("active")).toBe(true);
    expect(view.contentDOM.querySelector(".cm-critic-ins")?.textContent).toBe(" early");
    expect(view.contentDOM.querySelector(".cm-critic-sig")?.getAttribute("title")).toContain("Ben Okafor");

    // The banner's button takes the keyboard to the suggestions.
    $(banner, "button").click();
    expect(document.activeElement?.closest("[data-panel=suggestions]")).not.toBeNull();
  });

  it("suggests instead of editing, signed by the person", async () => {
    const { root, view } = await startApp(story({ body: "Boats left at dawn." }), "");
    expect($(root, "[data-testid=send-for-review]").textContent).toBe("Send for review…");
    const toggle = $(root, "[data-testid=suggest-mode]");
    toggle.click();
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    view.dispatch({ changes: { from: 10, insert: " early" }, userEvent: "input.type" });
    expect(view.state.doc.toString()).toMatch(/^Boats left\{\+\+ early\+\+\}\{>>root \| \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<<\} at dawn\.$/);
    await vi.waitFor(() => expect($(root, "[data-testid=suggestion]").dataset.kind).toBe("insert"));
    // Ctrl+Shift+E turns it off again.
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "E", ctrlKey: true, shiftKey: true }));
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    view.dispatch({ changes: { from: 0, insert: "Two " }, userEvent: "input.type" });
    expect(view.state.doc.toString().startsWith("Two Boats")).toBe(true);
  });

  it("comments on words selected in the body with the button or Ctrl+Alt+M", async () => {
    const { root, view, calls } = await startApp(story({ body: "Boats left the harbour at dawn." }), "");
    view.dispatch({ selection: { anchor: 15, head: 22 }, userEvent: "select" });
    view.contentDOM.blur();
    $(root, "[data-testid=comment-button]").click();
    $<HTMLTextAreaElement>(root, "[data-testid=comment-text]").value = "Which harbour?";
    $(root, "[data-testid=comment-save]").click();
    const item = $(root, "[data-testid=comments-list] [data-testid=comment]");
    expect(item.textContent).toContain("“harbour”");
    expect($(view.contentDOM, ".cm-comment").textContent).toBe("harbour");
    // (An earlier test's window may still be saving: look for this one's save.)
    const saves = () => calls.filter((c) => c.cmd === "save_story").map((c) => c.args.story as Story);
    await vi.waitFor(() => expect(saves().some((s) => s.notes.length > 0)).toBe(true));
    const saved = saves().find((s) => s.notes.length > 0);
    expect(saved?.notes[0]?.anchor).toMatchObject({ field: "body", exact: "harbour", start: 15, end: 22 });

    view.dispatch({ selection: { anchor: 0, head: 5 }, userEvent: "select" });
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "m", ctrlKey: true, altKey: true }));
    expect($(root, ".comment-about").textContent).toBe("On “Boats”");
  });

  it("decides suggestions on the saved story and shows what the core returns", async () => {
    const { root, view, calls } = await startApp(reviewed());
    $(root, "[data-testid=suggestion] [data-testid=accept-suggestion]").click();
    await vi.waitFor(() => expect(view.state.doc.toString()).toBe("Boats left early the harbour at seven."));
    const decide = calls.find((c) => c.cmd === "decide_suggestion");
    expect(decide?.args).toEqual({ id: reviewed().id, expectedVersion: 4, target: { body: { ordinal: 0 } }, decision: "accept" });
    expect($(root, "[data-testid=merge-conflict-banner]").hidden).toBe(true);
    expect(root.querySelectorAll("[data-testid=suggestion]")).toHaveLength(0);
  });

  it("sends, receives a dropped package and previews with suggestions applied", async () => {
    const { root, calls, drop } = await startApp(reviewed());
    $(root, "[data-testid=send-for-review]").click();
    await vi.waitFor(() => expect(toasts().some((t) => t.includes("Returned “Ferries return to Portmere harbour” to the reporter: /home/ben/ferries.dateline-story"))).toBe(true));
    expect(calls.find((c) => c.cmd === "send_story")?.args).toEqual({ id: reviewed().id });

    drop({ type: "drop", paths: ["/home/ada/ferries.dateline-story"] });
    await vi.waitFor(() => expect(toasts().some((t) => t.includes("Merged Ben Okafor's return: Headline, Body changed; 1 conflict (Standfirst)"))).toBe(true));
    expect(calls.find((c) => c.cmd === "receive_packages")?.args).toEqual({ paths: ["/home/ada/ferries.dateline-story"] });
    await vi.waitFor(() => expect($<HTMLTextAreaElement>(root, "[data-field=headline]").value).toBe("Ferries are back"));

    const toggle = $(root, "[data-testid=preview-suggestions-toggle]");
    toggle.click();
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === "render_preview" && c.args.applySuggestions === true)).toBe(true));
  });
});
