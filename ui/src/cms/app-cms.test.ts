// Sending to the CMS in the whole window: the library's labels, the Outbox
// button, "Published to", Ctrl+Shift+P, and what the background sender says.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Destination } from "../bindings/Destination";
import type { OutboxEntry } from "../bindings/OutboxEntry";
import type { PushOutcome } from "../bindings/PushOutcome";
import type { Story } from "../bindings/Story";
import type { Target } from "../bindings/Target";
import { closeModal } from "../components/dialogs";
import { story, summary, target } from "../testing/fixtures";
import { mountApp, stubWebView, windowReply } from "../testing/webview";

const harbour: Target = target({ default_status: "publish" });

const waiting = (s: Story): OutboxEntry => ({
  id: 1,
  story: s.id,
  headline: s.headline,
  target_id: harbour.id,
  target: "Harbour News",
  queued_at: "2026-12-02T09:00:00Z",
  attempts: 1,
  last_error: "news.example could not be reached (timed out)",
  next_attempt_at: "2026-12-02T09:05:00Z",
  held: false,
});

const destination: Destination = {
  target: "Harbour News",
  kind: "wordpress",
  post: {
    remote_id: "41",
    url: "https://news.example/ferries-return/",
    slug: "ferries-return",
    remote_modified: "2026-12-02T09:00:00",
    remote_status: "publish",
    pushed_version: 3,
    pushed_at: new Date().toISOString(),
  },
};

/** The window over a library of one story, sent nowhere yet (or as told). */
async function startApp(open: Story, state: { sent?: boolean; queued?: boolean } = {}) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  let current = open;
  let sent = state.sent ?? false;
  let queued = state.queued ?? false;
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      switch (cmd) {
        case "list_stories":
          return [{ ...summary(current), sent_to: sent ? ["Harbour News"] : [], queued: queued ? 1 : 0 }];
        case "get_story":
          return current;
        case "outbox":
          return queued ? [waiting(current)] : [];
        case "list_targets":
          return [harbour];
        case "destinations":
          return sent ? [destination] : [];
        case "push_stories": {
          // The core records the push and moves a Ready story to Exported.
          sent = true;
          current = { ...current, status: "exported", version: current.version + 1 };
          const outcome: PushOutcome = { outcome: "sent", story: open.id, target: "Harbour News", url: destination.post.url, remote_id: "41", created: true, pictures_uploaded: 0 };
          return [outcome];
        }
        default:
          return windowReply(cmd, args, current);
      }
    },
    { shouldMockEvents: true },
  );
  const { root } = await mountApp();
  return {
    calls,
    root,
    /** The background sender sent the queued push. */
    sendQueued: () => {
      queued = false;
      sent = true;
    },
  };
}

const $ = <T extends HTMLElement = HTMLElement>(root: ParentNode, css: string): T => {
  const el = root.querySelector<T>(css);
  if (!el) throw new Error(`missing ${css}`);
  return el;
};
/** The name a control gets from aria-label, aria-labelledby or its labels. */
const labelOf = (el: HTMLElement): string =>
  el.getAttribute("aria-label") ??
  ((el.getAttribute("aria-labelledby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ")
    .trim() ||
    [...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent ?? "").join(" ").trim() ||
    (el.textContent ?? "").trim());
const toasts = () => [...document.querySelectorAll(".toast")].map((t) => t.textContent ?? "");
const count = (calls: { cmd: string }[], cmd: string) => calls.filter((c) => c.cmd === cmd).length;

describe("sending to the CMS in the window", () => {
  beforeEach(() => {
    stubWebView();
    localStorage.clear();
  });
  afterEach(() => {
    closeModal();
    clearMocks();
    vi.unstubAllGlobals();
  });

  // First: every window a test file starts hears the document's keys, and the
  // first one started answers (a dialog open, the others let the key be).
  it("sends the open story with Ctrl+Shift+P, then takes its new status and version and shows where it went", async () => {
    const { root, calls } = await startApp(story({ status: "ready", version: 3 }));
    const listed = count(calls, "list_stories");
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "P", ctrlKey: true, shiftKey: true, bubbles: true, cancelable: true }));
    const dialog = await vi.waitFor(() => $(document, "[data-testid=push-dialog]"));
    await vi.waitFor(() => expect($<HTMLButtonElement>(dialog, "[data-testid=push-send]").disabled).toBe(false));
    $(dialog, "[data-testid=push-send]").click();
    await vi.waitFor(() => expect($(dialog, "[data-testid=push-outcome]").dataset.outcome).toBe("sent"));
    const push = calls.find((c) => c.cmd === "push_stories");
    expect(push?.args).toMatchObject({ ids: [story().id], target: "Harbour News", onConflict: "ask" });
    // The list, the story's status and where it went are read again.
    await vi.waitFor(() => expect($(root, "[data-testid=status-exported]").getAttribute("aria-pressed")).toBe("true"));
    expect(count(calls, "list_stories")).toBeGreaterThan(listed);
    expect($(root, "[data-testid=sent-badge]").textContent).toBe("Sent to Harbour News");
    await vi.waitFor(() => expect($(root, "[data-testid=published-panel]").hidden).toBe(false));
    // The next save goes on top of the version the push made: no conflict.
    const headline = $<HTMLTextAreaElement>(root, "[data-field=headline]");
    headline.value = "Ferries are back";
    headline.dispatchEvent(new Event("input"));
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === "save_story")).toBe(true), { timeout: 3000 });
    const saved = calls.find((c) => c.cmd === "save_story")?.args.story as Story | undefined;
    expect(saved?.version).toBe(4);
    expect(saved?.status).toBe("exported");
  });

  it("labels the library's rows with where a story went and what waits, and counts the outbox", async () => {
    const { root } = await startApp(story(), { sent: true, queued: true });
    const row = $(root, "[data-testid=story-row]");
    expect($(row, "[data-testid=sent-badge]").textContent).toBe("Sent to Harbour News");
    expect($(row, "[data-testid=queued-badge]").textContent).toBe("Queued");
    // Read with the row's name, each apart: "…, Sent to Harbour News, Queued, Ferries…".
    expect($(row, ".row-main").textContent).toContain("Sent to Harbour News, Queued, Ferries return");
    const outbox = $(root, "[data-testid=outbox-button]");
    await vi.waitFor(() => expect(outbox.hidden).toBe(false));
    expect(outbox.textContent).toBe("Outbox, 1 push waiting");
    outbox.click();
    await vi.waitFor(() => expect(document.querySelectorAll("[data-testid=outbox-entry]")).toHaveLength(1));
    expect(document.querySelector("[data-testid=outbox-dialog]")).not.toBeNull();
  });

  it("shows no labels and no Outbox button for a story sent nowhere", async () => {
    const { root } = await startApp(story());
    expect(root.querySelector("[data-testid=sent-badge], [data-testid=queued-badge]")).toBeNull();
    expect($(root, "[data-testid=outbox-button]").hidden).toBe(true);
    expect($(root, "[data-testid=published-panel]").hidden).toBe(true);
  });

  it("lists where the open story was published, with links to the posts", async () => {
    const { root } = await startApp(story(), { sent: true });
    const panel = $(root, "[data-testid=published-panel]");
    await vi.waitFor(() => expect(panel.hidden).toBe(false));
    expect(panel.closest("aside.inspector")).not.toBeNull();
    expect($(panel, "summary").textContent).toBe("Published to");
    const link = $<HTMLAnchorElement>(panel, "[data-testid=destination-link]");
    expect(link.href).toBe("https://news.example/ferries-return/");
    expect($(panel, "[data-testid=destination]").textContent).toContain("Harbour News");
    expect($(panel, "[data-testid=destination]").textContent).toContain("sent just now · published on the site");
  });

  it("hears the background sender: says what went, and reads the list, the outbox and the story again", async () => {
    const { root, calls, sendQueued } = await startApp(story(), { queued: true });
    await vi.waitFor(() => expect($(root, "[data-testid=outbox-button]").hidden).toBe(false));
    const listed = count(calls, "list_stories");
    sendQueued();
    const outcome: PushOutcome = { outcome: "sent", story: story().id, target: "Harbour News", url: destination.post.url, remote_id: "41", created: true, pictures_uploaded: 0 };
    await emit("outbox-changed", [outcome]);
    await vi.waitFor(() => expect(toasts().some((t) => t.includes("“Ferries return to Portmere harbour”: Sent to Harbour News: https://news.example/ferries-return/"))).toBe(true));
    await vi.waitFor(() => expect($(root, "[data-testid=outbox-button]").hidden).toBe(true));
    expect(count(calls, "list_stories")).toBeGreaterThan(listed);
    expect($(root, "[data-testid=sent-badge]").textContent).toBe("Sent to Harbour News");
    expect(root.querySelector("[data-testid=queued-badge]")).toBeNull();
    await vi.waitFor(() => expect($(root, "[data-testid=published-panel]").hidden).toBe(false));
  });

  it("names every control of its dialogs, and every id they point at is there", async () => {
    const { root } = await startApp(story(), { sent: true, queued: true });
    const check = (open: HTMLElement) => {
      for (const control of open.querySelectorAll<HTMLElement>("input, select, textarea, button, a")) {
        expect(labelOf(control), control.outerHTML.slice(0, 120)).not.toBe("");
      }
      for (const ref of document.querySelectorAll("[aria-labelledby], [aria-describedby]")) {
        for (const id of `${ref.getAttribute("aria-labelledby") ?? ""} ${ref.getAttribute("aria-describedby") ?? ""}`.split(" ").filter(Boolean)) {
          expect(document.getElementById(id), `${id} of ${ref.outerHTML.slice(0, 80)}`).not.toBeNull();
        }
      }
      const ids = [...document.querySelectorAll("[id]")].map((el) => el.id);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      // The dialog's title is an h2, its parts h3: no level skipped.
      expect(open.querySelector("h2, h3")?.tagName).toBe("H2");
      expect(open.querySelector("h4, h5, h6")).toBeNull();
    };
    $(root, ".story-bar [data-testid=send-to-cms]").click();
    const push = await vi.waitFor(() => $(document, "[data-testid=push-dialog]"));
    await vi.waitFor(() => $(push, "[data-testid=push-target]"));
    check(push);
    $(push, "[data-testid=push-manage]").click();
    const targets = $(document, "[data-testid=targets-dialog]");
    await vi.waitFor(() => $(targets, "[data-testid=target-row]"));
    check(targets);
    closeModal();
    await vi.waitFor(() => expect($(root, "[data-testid=outbox-button]").hidden).toBe(false));
    $(root, "[data-testid=outbox-button]").click();
    const outbox = $(document, "[data-testid=outbox-dialog]");
    await vi.waitFor(() => $(outbox, "[data-testid=outbox-entry]"));
    check(outbox);
  });

  it("has a button for Send to CMS… in the story's bar, and lists its key in the help", async () => {
    const { root } = await startApp(story());
    const button = $(root, ".story-bar [data-testid=send-to-cms]");
    expect(button.textContent).toBe("Send to CMS…");
    // The top bar keeps to its actions: only the outbox shows there, when something waits.
    expect(root.querySelector(".topbar [data-testid=send-to-cms]")).toBeNull();
    button.click();
    await vi.waitFor(() => expect(document.querySelector("[data-testid=push-dialog]")).not.toBeNull());
    closeModal();
    $(root, "[data-testid=help]").click();
    const rows = [...document.querySelectorAll("[data-testid=help-dialog] tr")].map((r) => r.textContent ?? "");
    expect(rows).toContain("Ctrl+Shift+PSend to the CMS (the story, or the stories ticked)");
  });
});
