import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FILES_OPENED } from "./api";
import type { Story } from "./bindings/Story";
import { story } from "./testing/fixtures";
import { mountApp, stubWebView, windowReply } from "./testing/webview";

/** The window with its commands mocked; returns the drop handler the app
 * registered with the platform and every command called, with its arguments. */
async function startApp(open: Story | null) {
  const calls: { cmd: string; args: unknown }[] = [];
  const imported = story({ id: "0190a7e0-0000-7000-8000-0000000000aa", headline: "Council backs new quay" });
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "import_files":
        return {
          stories: [imported],
          failures: ["notes.md: no headline"],
          missing_pictures: ["council.md: the picture quay-aerial.jpg was not attached (No such file or directory (os error 2))"],
          notices: [],
        };
      case "add_pictures":
        return { files: [{ hash: "ab".repeat(32), file_name: "quay.png", mime: "image/png", size: 10 }], failures: [] };
      default:
        return windowReply(cmd, args, open);
    }
  });
  const { root, drop } = await mountApp();
  return { calls, drop, root };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("files dropped on the window", () => {
  beforeEach(stubWebView);
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

describe("files Dateline is asked to open", () => {
  beforeEach(stubWebView);
  afterEach(() => {
    clearMocks();
    vi.unstubAllGlobals();
  });

  it("imports the stories and takes in the packages it was started with, then those another launch hands over", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    const imported = story({ id: "0190a7e0-0000-7000-8000-0000000000ab", headline: "Ferry strike called off" });
    let waiting = ["/home/ada/strike.md", "/home/ada/photo.jpg"];
    mockIPC(
      (cmd, args) => {
        calls.push({ cmd, args });
        switch (cmd) {
          case "opened_files": {
            const taken = waiting;
            waiting = [];
            return taken;
          }
          case "import_files":
            return { stories: [imported], failures: [], missing_pictures: [], notices: [] };
          case "receive_packages":
            return [];
          default:
            return windowReply(cmd, args, null);
        }
      },
      { shouldMockEvents: true },
    );
    const { root } = await mountApp();
    await vi.waitFor(() => {
      expect(root.querySelector<HTMLTextAreaElement>("[data-field=headline]")?.value).toBe("Ferry strike called off");
    });
    expect(calls.find((c) => c.cmd === "import_files")?.args).toEqual({ paths: ["/home/ada/strike.md"] });
    const toasts = [...document.querySelectorAll(".toast")].map((t) => t.textContent ?? "");
    expect(toasts.some((t) => t.includes("photo.jpg is neither a story"))).toBe(true);

    // Another launch hands a review package over.
    waiting = ["/home/ada/strike.dateline-story"];
    await emit(FILES_OPENED);
    await vi.waitFor(() => {
      expect(calls.find((c) => c.cmd === "receive_packages")?.args).toEqual({ paths: ["/home/ada/strike.dateline-story"] });
    });
    expect(calls.filter((c) => c.cmd === "opened_files")).toHaveLength(2);
  });
});
