// The window's structure for assistive technology, in jsdom: landmarks and
// headings, the skip link and the pane keys, names for every control, and
// the live regions. (Colour contrast, focus rings and the dialogs' inertness
// need a real web view: see the end-to-end tests.)
import { EditorView } from "@codemirror/view";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Story } from "./bindings/Story";
import { closeModal } from "./components/dialogs";
import { errorToast, toast } from "./components/toast";
import { story } from "./testing/fixtures";
import { mountApp, stubWebView, windowReply } from "./testing/webview";

async function startApp(open: Story | null) {
  mockIPC((cmd, args) => {
    switch (cmd) {
      case "whoami":
        return { name: "Ada Reyes", initials: "AR", chosen: true };
      default:
        return windowReply(cmd, args, open);
    }
  });
  const { root } = await mountApp();
  return { root };
}

const $ = <T extends HTMLElement = HTMLElement>(root: ParentNode, css: string): T => {
  const el = root.querySelector<T>(css);
  if (!el) throw new Error(`missing ${css}`);
  return el;
};
const key = (k: string, mods: KeyboardEventInit = {}) =>
  (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true, ...mods }));
/** The name a control gets from its label, aria-label or aria-labelledby. */
const nameOf = (el: Element): string =>
  el.getAttribute("aria-label") ??
  (el.getAttribute("aria-labelledby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ")
    .trim() ??
  "";
const labelOf = (el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): string =>
  nameOf(el) || [...(el.labels ?? [])].map((l) => l.textContent ?? "").join(" ").trim();

describe("the window for assistive technology", () => {
  beforeEach(stubWebView);
  afterEach(() => {
    closeModal();
    clearMocks();
    vi.unstubAllGlobals();
  });

  it("has one banner, one main, a labelled library and story details, and one h1", async () => {
    const { root } = await startApp(story());
    const banners = root.querySelectorAll("header");
    expect(banners).toHaveLength(1);
    expect(banners[0]?.closest("main, nav, aside, section, article")).toBeNull();
    expect(root.querySelectorAll("main")).toHaveLength(1);
    expect(root.querySelectorAll("footer")).toHaveLength(0);
    expect(nameOf($(root, "nav.library"))).toBe("Library");
    expect(nameOf($(root, "aside.inspector"))).toBe("Story details");
    expect(root.querySelector("main aside, main nav")).toBeNull();
    // The body and the preview are named regions of the main landmark.
    expect(nameOf($(root, "main .editor-pane"))).toBe("Story body");
    expect(nameOf($(root, "main .preview-pane"))).toBe("Preview");
    const h1 = root.querySelectorAll("h1");
    expect(h1).toHaveLength(1);
    // The logo's "D" is hidden from screen readers: the heading reads "Dateline".
    const read = [...(h1[0]?.childNodes ?? [])].filter((n) => !(n instanceof Element && n.getAttribute("aria-hidden") === "true"));
    expect(read.map((n) => n.textContent).join("")).toBe("Dateline");
    expect(h1[0]?.closest("header")).not.toBeNull();
  });

  it("has headings in order, unique ids and a name for every control", async () => {
    const { root } = await startApp(story({ bylines: [{ name: "Ada Quill", role: "Reporter", url: null }], related: [{ title: "Storm", url: "https://example.com/", summary: "" }] }));
    for (const d of root.querySelectorAll("details")) d.open = true;
    const levels = [...root.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => Number(h.tagName[1]));
    levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1));
    const ids = [...document.querySelectorAll("[id]")].map((el) => el.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const ref of document.querySelectorAll("[aria-labelledby], [aria-describedby]")) {
      for (const id of `${ref.getAttribute("aria-labelledby") ?? ""} ${ref.getAttribute("aria-describedby") ?? ""}`.split(" ").filter(Boolean)) {
        expect(document.getElementById(id), `${id} of ${ref.outerHTML.slice(0, 80)}`).not.toBeNull();
      }
    }
    for (const control of root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input, select, textarea")) {
      expect(labelOf(control), control.outerHTML.slice(0, 120)).not.toBe("");
    }
    for (const button of root.querySelectorAll("button")) expect((button.getAttribute("aria-label") ?? button.textContent ?? "").trim()).not.toBe("");
    // Nothing clickable inside something clickable.
    expect(root.querySelector("button button, button input, button a, a button")).toBeNull();
  });

  it("lists the stories as a list of rows named by their status and headline", async () => {
    const { root } = await startApp(story({ status: "in_review" }));
    const list = $(root, "[data-testid=story-list]");
    expect(list.tagName).toBe("OL");
    const row = $(list, "[data-testid=story-row]");
    expect(row.tagName).toBe("LI");
    const open = $(row, "button.row-main");
    expect(open.textContent).toContain("In review");
    expect(open.textContent).toContain("Ferries return to Portmere harbour");
    expect(open.getAttribute("aria-current")).toBe("true");
    expect($(row, "[data-testid=select-story]").getAttribute("aria-label")).toBe("Select “Ferries return to Portmere harbour”");
  });

  it("ties the character counters to their fields", async () => {
    const { root } = await startApp(story());
    const headline = $<HTMLTextAreaElement>(root, "[data-field=headline]");
    const described = (headline.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent);
    expect(described).toContain("34 / 100");
    expect(described).toContain("characters");
    expect(labelOf(headline)).toBe("Headline");
  });

  it("describes the preview's switch as pressed buttons and titles its frame", async () => {
    const { root } = await startApp(story());
    expect($(root, "[data-testid=preview-desktop]").getAttribute("aria-pressed")).toBe("true");
    expect($(root, "[data-testid=preview-phone]").getAttribute("aria-pressed")).toBe("false");
    $(root, "[data-testid=preview-phone]").click();
    expect($(root, "[data-testid=preview-phone]").getAttribute("aria-pressed")).toBe("true");
    const stage = $(root, ".preview-stage");
    expect([...stage.attributes].filter((a) => a.name.startsWith("aria-") || a.name === "role")).toEqual([]);
    expect($(root, "[data-testid=preview-frame]").title).not.toBe("");
  });

  it("starts with a skip link to the body, and moves between the panes with Alt+1 to Alt+4", async () => {
    const { root } = await startApp(story());
    const first = root.querySelector("a[href], button, input, select, textarea, [tabindex]");
    expect(first?.getAttribute("data-testid")).toBe("skip-link");
    const skip = $<HTMLAnchorElement>(root, "[data-testid=skip-link]");
    expect(skip.textContent).toBe("Skip to the story body");
    expect(document.getElementById(skip.hash.slice(1))?.tagName).toBe("MAIN");
    const cm = $(root, ".cm-editor");
    const view = EditorView.findFromDOM(cm);
    skip.click();
    expect(document.activeElement).toBe(view?.contentDOM);

    key("1", { altKey: true, code: "Digit1" });
    expect(document.activeElement?.classList.contains("row-main")).toBe(true);
    key("4", { altKey: true, code: "Digit4" });
    expect(document.activeElement?.tagName).toBe("SUMMARY");
    expect(document.activeElement?.closest("aside")).not.toBeNull();
    key("2", { altKey: true, code: "Digit2" });
    expect(document.activeElement).toBe(view?.contentDOM);
    key("3", { altKey: true, code: "Digit3" });
    expect(document.activeElement).toBe($(root, "[data-testid=preview-frame]"));
  });

  it("with no story open, shows how to start one in the main landmark", async () => {
    const { root } = await startApp(null);
    const empty = $(root, "main [data-testid=empty-state]");
    expect(empty.hidden).toBe(false);
    expect($(root, "[data-testid=inspector]").querySelector("button, input")).toBeNull();
    key("2", { altKey: true });
    expect(document.activeElement?.textContent).toBe("New story");
  });

  it("reads out the save state, news and errors in live regions", async () => {
    const { root } = await startApp(story());
    const state = $(root, "[data-testid=save-state]");
    expect(state.getAttribute("role")).toBe("status");
    expect(state.textContent).toBe("Saved");
    const view = EditorView.findFromDOM($(root, ".cm-editor"));
    view?.dispatch({ changes: { from: 0, insert: "Two " }, userEvent: "input.type" });
    expect(state.textContent).toBe("Edited");
    await vi.waitFor(() => expect(state.textContent).toBe("Saved"), { timeout: 3000 });

    // The regions are there before the first message, so it is read out.
    const news = $(document, "[data-testid=toast-news]");
    const errors = $(document, "[data-testid=toast-errors]");
    expect(news.getAttribute("role")).toBe("status");
    expect(errors.getAttribute("role")).toBe("alert");
    expect(news.childElementCount + errors.childElementCount).toBe(0);
    toast("Saved, and kept as a revision.");
    errorToast("Not saved: the disk is full");
    expect(news.textContent).toContain("Saved, and kept as a revision.");
    expect(errors.textContent).toContain("Not saved: the disk is full");
  });
});
