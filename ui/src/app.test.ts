import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./api";
import { App, type Platform } from "./app";
import type { Story } from "./bindings/Story";
import { story, summary } from "./testing/fixtures";

type DropHandler = Parameters<Platform["onFileDrop"]>[0];

/** The window with its commands mocked; returns the drop handler the app
 * registered with the platform and every command called, with its arguments. */
async function startApp(open: Story | null) {
  const calls: { cmd: string; args: unknown }[] = [];
  const imported = story({ id: "0190a7e0-0000-7000-8000-0000000000aa", headline: "Council backs new quay" });
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "get_session":
        return { open_story: open?.id ?? null, show_preview: false, phone_preview: false, status_filter: null, section_filter: "" };
      case "library_info":
        return { path: "/tmp/l.dateline", story_count: 1, sections: [], media_url: "dateline-media://localhost/" };
      case "list_stories":
        return open ? [summary(open)] : [];
      case "get_story":
        return open;
      case "import_files":
        return {
          stories: [imported],
          failures: ["notes.md: no headline"],
          missing_pictures: ["council.md: the picture quay-aerial.jpg was not attached (No such file or directory (os error 2))"],
          notices: [],
        };
      case "add_pictures":
        return { files: [{ hash: "ab".repeat(32), file_name: "quay.png", mime: "image/png", size: 10 }], failures: [] };
      case "save_story": {
        const saved = (args as { story: Story }).story;
        return { ...saved, version: saved.version + 1 };
      }
      case "ready_blockers":
        return [];
      case "render_preview":
        return { html: "<!doctype html><html><head></head><body></body></html>", word_count: 6, reading_minutes: 1, notices: [] };
      default:
        return null;
    }
  });
  let drop: DropHandler = () => undefined;
  const platform: Platform = {
    onFileDrop: (handler) => {
      drop = handler;
    },
    onCloseRequested: () => undefined,
    destroyWindow: () => undefined,
  };
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  await new App(api, platform).start(root);
  return { calls, drop, root };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("files dropped on the window", () => {
  beforeEach(() => {
    // What jsdom lacks and the web view has.
    vi.stubGlobal("CSS", { escape: (s: string) => s.replace(/["\\]/g, "\\$&") });
    vi.stubGlobal(
      "ResizeObserver",
      class {
        observe() {}
        disconnect() {}
      },
    );
    // CodeMirror measures text through ranges, which jsdom cannot lay out.
    Range.prototype.getClientRects = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] });
    Range.prototype.getBoundingClientRect = () => new DOMRect();
  });
  afterEach(() => {
    clearMocks();
    vi.unstubAllGlobals();
  });

  it("imports stories, adds pictures to the open story and refuses the rest", async () => {
    const open = story();
    const { calls, drop, root } = await startApp(open);
    const overlay = root.querySelector<HTMLElement>(".drop-overlay");
    drop({ type: "enter", paths: [] });
    expect(overlay?.hidden).toBe(false);
    drop({ type: "drop", paths: ["/home/ada/quay.PNG", "/home/ada/council.md", "/home/ada/budget.xlsx"] });
    expect(overlay?.hidden).toBe(true);
    await settle();

    const pictures = calls.find((c) => c.cmd === "add_pictures");
    expect(pictures?.args).toEqual({ paths: ["/home/ada/quay.PNG"] });
    const stories = calls.find((c) => c.cmd === "import_files");
    expect(stories?.args).toEqual({ paths: ["/home/ada/council.md"] });
    const toasts = [...document.querySelectorAll(".toast")].map((t) => t.textContent ?? "");
    expect(toasts.some((t) => t.includes("budget.xlsx is neither a story"))).toBe(true);
    expect(toasts.some((t) => t.includes("Not imported: notes.md: no headline"))).toBe(true);
    // A picture the story names but that could not be read is named, not dropped.
    expect(toasts.some((t) => t.includes("Picture missing: council.md: the picture quay-aerial.jpg was not attached"))).toBe(true);
    // The picture is saved with the open story, then the imported story is opened.
    await vi.waitFor(() => {
      expect(root.querySelector<HTMLTextAreaElement>("[data-field=headline]")?.value).toBe("Council backs new quay");
    });
    const saved = calls.find((c) => c.cmd === "save_story")?.args as { story: Story } | undefined;
    expect(saved?.story.id).toBe(open.id);
    expect(saved?.story.media.map((m) => m.file?.file_name)).toEqual(["quay.png"]);
  });

  it("asks for a story before taking pictures", async () => {
    const { calls, drop } = await startApp(null);
    drop({ type: "drop", paths: ["/home/ada/quay.jpg"] });
    await settle();
    expect(calls.some((c) => c.cmd === "add_pictures")).toBe(false);
    const toasts = [...document.querySelectorAll(".toast")].map((t) => t.textContent ?? "");
    expect(toasts.some((t) => t.includes("Open a story first"))).toBe(true);
  });
});
