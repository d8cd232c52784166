import { afterEach, describe, expect, it, vi } from "vitest";
import type { OutboxEntry } from "../bindings/OutboxEntry";
import type { PushOutcome } from "../bindings/PushOutcome";
import type { PushProgress } from "../bindings/PushProgress";
import { closeModal } from "../components/dialogs";
import { h } from "../components/dom";
import { hoursMinutes } from "./labels";
import { outboxDialog, reloadOutboxDialog, type OutboxApi } from "./outbox-dialog";

const ferries = "0190a7e0-0000-7000-8000-000000000001";
const quay = "0190a7e0-0000-7000-8000-000000000002";
const next = new Date(2026, 11, 2, 14, 5).toISOString();

const entries: OutboxEntry[] = [
  {
    id: 1,
    story: ferries,
    headline: "Ferries return to Portmere harbour",
    target_id: "0190a7e0-0000-7000-8000-0000000000f1",
    target: "Harbour News",
    queued_at: "2026-12-02T09:00:00Z",
    attempts: 2,
    last_error: "news.example could not be reached (timed out)",
    next_attempt_at: next,
    held: false,
  },
  {
    id: 2,
    story: quay,
    headline: "New quay opens",
    target_id: "0190a7e0-0000-7000-8000-0000000000f2",
    target: "Quay Weekly",
    queued_at: "2026-12-01T09:00:00Z",
    attempts: 8,
    last_error: "quay.example could not be reached (connection refused)",
    next_attempt_at: next,
    held: true,
  },
];

function fakeApi(waiting: OutboxEntry[] = entries) {
  let stored = [...waiting];
  const api = {
    outbox: vi.fn(() => Promise.resolve(stored)),
    sendOutbox: vi.fn((onProgress: (p: PushProgress) => void): Promise<PushOutcome[]> => {
      onProgress({ done: 0, total: 2, story: ferries, target: "Harbour News", stage: "Sending the post" });
      stored = stored.filter((e) => e.story !== ferries);
      return Promise.resolve([
        { outcome: "sent", story: ferries, target: "Harbour News", url: "https://news.example/ferries/", remote_id: "41", created: true, pictures_uploaded: 0 },
        { outcome: "queued", story: quay, target: "Quay Weekly", reason: "quay.example could not be reached (connection refused)" },
      ]);
    }),
    removeFromOutbox: vi.fn((story: string) => {
      stored = stored.filter((e) => e.story !== story);
      return Promise.resolve(null);
    }),
    listTargets: vi.fn(() => Promise.resolve([])),
    pushStories: vi.fn(() => Promise.resolve([])),
    setTargetSecret: vi.fn(() => Promise.resolve({ outcome: "no_keyring" as const, reason: "none" })),
    openUrl: vi.fn(() => Promise.resolve(null)),
  } satisfies OutboxApi;
  return { api, set: (next: OutboxEntry[]) => (stored = next) };
}

const $ = <T extends HTMLElement = HTMLElement>(css: string, root: ParentNode = document): T => {
  const el = root.querySelector<T>(css);
  if (!el) throw new Error(`missing ${css}`);
  return el;
};
const all = (css: string) => [...document.querySelectorAll<HTMLElement>(css)];
const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  closeModal();
  document.body.replaceChildren();
});

describe("the outbox", () => {
  it("lists what waits: story, site, attempts, last error, next try or held; Escape closes it", async () => {
    const button = h("button", { text: "Outbox" });
    document.body.appendChild(h("main", {}, button));
    button.focus();
    outboxDialog(fakeApi().api, { changed: vi.fn() });
    await flush();
    const dialog = $<HTMLDialogElement>("[data-testid=outbox-dialog]");
    expect(document.getElementById(dialog.getAttribute("aria-labelledby") ?? "")?.textContent).toBe("Outbox");
    const rows = all("[data-testid=outbox-entry]");
    expect(rows).toHaveLength(2);
    const [first, second] = rows;
    if (!first || !second) throw new Error("two entries");
    expect($(".outbox-what", first).textContent).toBe("Ferries return to Portmere harbour → Harbour News");
    expect(first.textContent).toContain("2 attempts");
    expect(first.textContent).toContain("Last error: news.example could not be reached (timed out)");
    expect($("[data-testid=outbox-next]", first).textContent).toBe(`next try at ${hoursMinutes(next)}`);
    expect($("[data-testid=outbox-next]", second).textContent).toBe("held: it waits for Send now");
    expect($("[data-testid=outbox-remove]", second).getAttribute("aria-label")).toBe("Remove “New quay opens” for Quay Weekly");
    expect($("[data-testid=outbox-empty]").hidden).toBe(true);
    expect(document.activeElement).toBe($("[data-testid=outbox-send]"));
    document.activeElement?.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));
    expect(document.querySelector("[data-testid=outbox-dialog]")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("says when nothing waits", async () => {
    outboxDialog(fakeApi([]).api, { changed: vi.fn() });
    await flush();
    expect($("[data-testid=outbox-empty]").hidden).toBe(false);
    expect($("[data-testid=outbox-empty]").textContent).toBe("Nothing waits to be sent.");
    expect($<HTMLButtonElement>("[data-testid=outbox-send]").disabled).toBe(true);
  });

  it("sends now with its progress, shows how each went and lists what still waits", async () => {
    const { api } = fakeApi();
    const changed = vi.fn();
    outboxDialog(api, { changed });
    await flush();
    $("[data-testid=outbox-send]").click();
    await flush();
    await flush();
    expect(api.sendOutbox).toHaveBeenCalledWith(expect.any(Function));
    expect($("[data-testid=outbox-status]").textContent).toBe("1 sent, 1 queued.");
    const lines = all("[data-testid=push-outcome]");
    expect(lines.map((l) => l.dataset.outcome)).toEqual(["sent", "queued"]);
    expect(lines[0]?.textContent).toContain("“Ferries return to Portmere harbour”: Sent to Harbour News");
    expect($<HTMLAnchorElement>("[data-testid=push-link]").href).toBe("https://news.example/ferries/");
    expect(lines[0]?.closest("[aria-live=polite]")).toBe($("[data-testid=outbox-results]"));
    expect(all("[data-testid=outbox-entry]").map((e) => e.dataset.story)).toEqual([quay]);
    expect(changed).toHaveBeenCalledWith([ferries, quay]);
  });

  it("takes an entry out without sending it", async () => {
    const { api } = fakeApi();
    const changed = vi.fn();
    outboxDialog(api, { changed });
    await flush();
    $("[data-testid=outbox-entry] [data-testid=outbox-remove]").click();
    await flush();
    await flush();
    expect(api.removeFromOutbox).toHaveBeenCalledWith(ferries, "0190a7e0-0000-7000-8000-0000000000f1");
    expect(all("[data-testid=outbox-entry]").map((e) => e.dataset.story)).toEqual([quay]);
    expect($("[data-testid=outbox-status]").textContent).toBe("“Ferries return to Portmere harbour” is no longer waiting for Harbour News.");
    expect(changed).toHaveBeenCalledWith([ferries]);
    expect(document.activeElement).toBe($("[data-testid=outbox-remove]"));
  });

  it("is read again when the background sender sent something", async () => {
    const { api, set } = fakeApi();
    outboxDialog(api, { changed: vi.fn() });
    await flush();
    set([]);
    await reloadOutboxDialog();
    expect(all("[data-testid=outbox-entry]")).toHaveLength(0);
    expect($("[data-testid=outbox-empty]").hidden).toBe(false);
    closeModal();
    // Closed, it is left alone.
    await reloadOutboxDialog();
    expect(api.outbox).toHaveBeenCalledTimes(2);
  });
});
