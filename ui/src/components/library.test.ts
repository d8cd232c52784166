import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "../api";
import { story, summary } from "../testing/fixtures";
import { createLibrary } from "./library";

const ferry = story();
const council = story({ id: "0190a7e0-0000-7000-8000-000000000002", headline: "Council approves the crossing", status: "ready", kicker: "" });

function mockLibrary(calls: string[]) {
  mockIPC((cmd, args) => {
    calls.push(cmd);
    switch (cmd) {
      case "list_stories": {
        const a = args as { status: string | null };
        return [ferry, council].filter((s) => !a.status || s.status === a.status).map(summary);
      }
      case "library_info":
        return { path: "/tmp/l.dateline", story_count: 2, sections: ["Local"], media_url: "dateline-media://localhost/", version: "0.1.0" };
      case "search_stories":
        return [{ story: summary(ferry), snippet: [{ text: "Boats left the ", hit: false }, { text: "harbour", hit: true }], score: -1 }];
      default:
        return null;
    }
  });
}

describe("library pane", () => {
  afterEach(() => clearMocks());

  it("lists stories with status, kicker, headline and words", async () => {
    mockLibrary([]);
    const pane = createLibrary(api, { open: vi.fn(), selectionChanged: vi.fn(), filtersChanged: vi.fn(), error: vi.fn() });
    await pane.refresh();
    const rows = pane.element.querySelectorAll(".story-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]?.querySelector(".status-pill")?.textContent).toBe("Draft");
    expect(rows[0]?.querySelector(".row-kicker")?.textContent).toBe("Transport");
    expect(rows[1]?.querySelector(".row-headline")?.textContent).toBe("Council approves the crossing");
    expect(rows[0]?.textContent).toContain("6 words");
    expect(pane.element.querySelector(".library-footer")?.textContent).toBe("2 stories");
  });

  it("labels a story sent to sites, and one waiting in the outbox, on one line with its review", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_stories")
        return [
          { ...summary(ferry), review: "Sent for review", sent_to: ["Harbour News", "Quay Weekly"], queued: 2 },
          { ...summary(council), sent_to: [], queued: 0 },
        ];
      if (cmd === "library_info") return { path: "/tmp/l.dateline", story_count: 2, sections: [], media_url: "", version: "0.1.0" };
      return null;
    });
    const pane = createLibrary(api, { open: vi.fn(), selectionChanged: vi.fn(), filtersChanged: vi.fn(), error: vi.fn() });
    await pane.refresh();
    const [sent, plain] = pane.element.querySelectorAll<HTMLElement>(".story-row");
    const labels = sent?.querySelector(".row-badges");
    expect(labels?.querySelector("[data-testid=review-badge]")?.textContent).toBe("Sent for review");
    expect(labels?.querySelector("[data-testid=sent-badge]")?.textContent).toBe("Sent to Harbour News, Quay Weekly");
    expect(labels?.querySelector("[data-testid=queued-badge]")?.textContent).toBe("Queued");
    expect(plain?.querySelector(".row-badges")).toBeNull();
    expect(pane.headline(council.id)).toBe("Council approves the crossing");
    expect(pane.headline("unknown")).toBe("");
  });

  it("filters by status through the command", async () => {
    mockLibrary([]);
    const filtersChanged = vi.fn();
    const pane = createLibrary(api, { open: vi.fn(), selectionChanged: vi.fn(), filtersChanged, error: vi.fn() });
    pane.setFilters("ready", "");
    await pane.refresh();
    expect(pane.element.querySelectorAll(".story-row")).toHaveLength(1);
  });

  it("highlights the words a search matched", async () => {
    const calls: string[] = [];
    mockLibrary(calls);
    const open = vi.fn();
    const pane = createLibrary(api, { open, selectionChanged: vi.fn(), filtersChanged: vi.fn(), error: vi.fn() });
    pane.setQuery("harb");
    await pane.refresh();
    expect(calls).toContain("search_stories");
    expect(pane.element.querySelector("mark")?.textContent).toBe("harbour");
    pane.element.querySelector<HTMLElement>(".story-row")?.click();
    expect(open).toHaveBeenCalledWith(ferry.id);
  });

  it("builds rows as the list scrolls, and opens and selects them", async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      summary(story({ id: `0190a7e0-0000-7000-8000-${String(i).padStart(12, "0")}`, headline: `Story ${i}` })),
    );
    mockIPC((cmd) => {
      if (cmd === "list_stories") return many;
      if (cmd === "library_info") return { path: "/tmp/l.dateline", story_count: 60, sections: [], media_url: "", version: "0.1.0" };
      return null;
    });
    const open = vi.fn();
    const selectionChanged = vi.fn();
    const pane = createLibrary(api, { open, selectionChanged, filtersChanged: vi.fn(), error: vi.fn() });
    document.body.replaceChildren(pane.element);
    const list = pane.element.querySelector<HTMLElement>(".story-list");
    if (!list) throw new Error("no list");
    // A 300-pixel list with rows 90 pixels tall.
    Object.defineProperty(list, "clientHeight", { value: 300 });
    Object.defineProperty(list, "scrollHeight", { get: () => list.querySelectorAll(".story-row").length * 90 });
    await pane.refresh();
    const rows = () => list.querySelectorAll<HTMLElement>(".story-row");
    expect(rows()).toHaveLength(25);
    expect(pane.element.querySelector(".library-footer")?.textContent).toBe("60 stories");

    list.scrollTop = 1800;
    list.dispatchEvent(new Event("scroll"));
    expect(rows()).toHaveLength(50);
    expect(rows()[49]?.querySelector(".row-headline")?.textContent).toBe("Story 49");

    rows()[30]?.click();
    expect(open).toHaveBeenCalledWith(many[30]?.id);
    const box = rows()[40]?.querySelector<HTMLInputElement>("input[type=checkbox]");
    box?.click();
    expect(selectionChanged).toHaveBeenLastCalledWith([many[40]?.id]);
    expect(open).toHaveBeenCalledTimes(1);
    expect(pane.selected()).toEqual([many[40]?.id]);
  });
});
