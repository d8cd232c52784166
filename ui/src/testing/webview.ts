// What jsdom lacks and the web view has, for tests that start the whole
// window: CSS.escape, ResizeObserver, and the text measuring CodeMirror
// does through ranges (jsdom cannot lay text out).
import { vi } from "vitest";
import { api } from "../api";
import { App, type Platform } from "../app";
import type { Story } from "../bindings/Story";
import { summary } from "./fixtures";

export function stubWebView(): void {
  vi.stubGlobal("CSS", { escape: (s: string) => s.replace(/["\\]/g, "\\$&") });
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      disconnect() {}
    },
  );
  Range.prototype.getClientRects = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] });
  Range.prototype.getBoundingClientRect = () => new DOMRect();
}

/** What the window's usual commands answer with `open` as the library's one
 * story (or none): a test's own IPC mock handles what it is about and leaves
 * the rest to this. */
export function windowReply(cmd: string, args: unknown, open: Story | null): unknown {
  switch (cmd) {
    case "get_session":
      return { open_story: open?.id ?? null, show_preview: false, phone_preview: false, status_filter: null, section_filter: "" };
    case "library_info":
      return { path: "/tmp/l.dateline", story_count: open ? 1 : 0, sections: [], media_url: "dateline-media://localhost/", version: "0.1.0" };
    case "list_stories":
      return open ? [summary(open)] : [];
    case "get_story":
      return open;
    case "save_story": {
      const saved = (args as { story: Story }).story;
      return { ...saved, version: saved.version + 1 };
    }
    case "ready_blockers":
    case "opened_files":
    case "outbox":
    case "list_targets":
    case "destinations":
      return [];
    case "render_preview":
      return { html: "<!doctype html><html><head></head><body></body></html>", word_count: 6, reading_minutes: 1, notices: [] };
    default:
      return null;
  }
}

type DropHandler = Parameters<Platform["onFileDrop"]>[0];

/** Starts the whole window in a fresh root, with the IPC mocked by the
 * caller; `drop` hands files to the window as a drop on it would. */
export async function mountApp(): Promise<{ root: HTMLDivElement; drop: DropHandler }> {
  let handler: DropHandler = () => undefined;
  const platform: Platform = {
    onFileDrop: (h) => {
      handler = h;
    },
    onCloseRequested: () => undefined,
    destroyWindow: () => undefined,
  };
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  await new App(api, platform).start(root);
  return { root, drop: (event) => handler(event) };
}
