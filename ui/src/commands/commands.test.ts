import { afterEach, describe, expect, it, vi } from "vitest";
import type { Api } from "../api";
import type { ImportReport } from "../bindings/ImportReport";
import type { Story } from "../bindings/Story";
import { closeModal } from "../components/dialogs";
import { SHORTCUTS, type Command } from "../logic/shortcuts";
import { story, target } from "../testing/fixtures";
import { openPush } from "./cms";
import { addPictures, dropFiles, importFiles } from "./files";
import { createCommands, type Desk } from "./index";

/** A desk with every part a stand-in: the commands are tested on their own. */
function fakeDesk(open: Story | null, api: Partial<Api> = {}) {
  let current = open;
  let shown = true;
  const desk = {
    api: api as Api,
    library: { refresh: vi.fn(() => Promise.resolve()), setActive: vi.fn(), focusSearch: vi.fn(), setQuery: vi.fn(), headline: vi.fn(() => "Gates shut early") },
    story: () => current,
    ticked: vi.fn((): string[] => []),
    settle: vi.fn(() => Promise.resolve(true)),
    keepRevision: vi.fn(() => Promise.resolve()),
    show: vi.fn((s: Story) => {
      current = s;
    }),
    closeStory: vi.fn(() => {
      current = null;
    }),
    mediaAdded: vi.fn(),
    reloadInfo: vi.fn(() => Promise.resolve()),
    focusHeadline: vi.fn(),
    previewShown: () => shown,
    setPreviewShown: vi.fn((value: boolean) => {
      shown = value;
    }),
    person: () => ({ name: "Ada Reyes", initials: "AR", chosen: true }),
    setPerson: vi.fn(),
    toggleSuggesting: vi.fn(),
    startComment: vi.fn(),
    focusPane: vi.fn(),
    storiesSent: vi.fn(() => Promise.resolve()),
  } satisfies Desk;
  return desk;
}

const toasts = () => [...document.querySelectorAll(".toast")].map((t) => t.textContent ?? "");
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  closeModal();
  document.body.replaceChildren();
});

describe("the command table", () => {
  it("has a handler for every command, keyboard or button", () => {
    const commands = createCommands(fakeDesk(null));
    const all: Command[] = ["new", "save", "find", "preview", "export", "help", "import", "paste", "revisions", "delete", "send", "receive", "suggest", "comment", "compare", "whoami", "push", "outbox", "targets", "go-library", "go-body", "go-preview", "go-details"];
    expect(Object.keys(commands).sort()).toEqual([...all].sort());
    for (const shortcut of SHORTCUTS) expect(typeof commands[shortcut.command]).toBe("function");
  });

  it("toggles the preview and focuses the search box", () => {
    const desk = fakeDesk(null);
    const commands = createCommands(desk);
    commands.preview();
    expect(desk.setPreviewShown).toHaveBeenCalledWith(false);
    commands.preview();
    expect(desk.setPreviewShown).toHaveBeenLastCalledWith(true);
    commands.find();
    expect(desk.library.focusSearch).toHaveBeenCalled();
  });

  it("moves the keyboard to each pane", () => {
    const desk = fakeDesk(null);
    const commands = createCommands(desk);
    commands["go-library"]();
    commands["go-body"]();
    commands["go-preview"]();
    commands["go-details"]();
    expect(desk.focusPane.mock.calls).toEqual([["library"], ["body"], ["preview"], ["details"]]);
  });
});

describe("story commands", () => {
  it("start a story only once the open one is saved", async () => {
    const createStory = vi.fn(() => Promise.resolve(story({ id: "0190a7e0-0000-7000-8000-0000000000bb", headline: "Untitled story" })));
    const desk = fakeDesk(story(), { createStory });
    desk.settle.mockResolvedValueOnce(false);
    createCommands(desk).new();
    await settle();
    expect(createStory).not.toHaveBeenCalled();

    createCommands(desk).new();
    await settle();
    expect(createStory).toHaveBeenCalledWith("Untitled story");
    expect(desk.show).toHaveBeenCalled();
    expect(desk.library.setActive).toHaveBeenCalledWith("0190a7e0-0000-7000-8000-0000000000bb");
    expect(desk.focusHeadline).toHaveBeenCalled();
  });

  it("keep a revision and say so, or say why not", async () => {
    const desk = fakeDesk(story());
    createCommands(desk).save();
    await settle();
    expect(toasts().some((t) => t.includes("kept as a revision"))).toBe(true);
    desk.keepRevision.mockRejectedValueOnce({ kind: "io", message: "the disk is full" });
    createCommands(desk).save();
    await settle();
    expect(toasts().some((t) => t.includes("Not saved: the disk is full"))).toBe(true);
  });

  it("delete the open story after asking, and empty the desk", async () => {
    const deleteStory = vi.fn(() => Promise.resolve(null));
    const desk = fakeDesk(story(), { deleteStory });
    createCommands(desk).delete();
    document.querySelector<HTMLButtonElement>("[data-testid=confirm-yes]")?.click();
    await settle();
    expect(deleteStory).toHaveBeenCalledWith(story().id);
    expect(desk.closeStory).toHaveBeenCalled();
    expect(toasts().some((t) => t.includes("was deleted"))).toBe(true);
  });
});

describe("file commands", () => {
  it("name every failure and every picture left behind by an import", async () => {
    const imported = story({ id: "0190a7e0-0000-7000-8000-0000000000cc", headline: "Gates shut early" });
    const report: ImportReport = {
      stories: [imported],
      failures: ["budget.txt: the file is empty"],
      missing_pictures: [
        "gates.md: the picture barrier.jpg was not attached (No such file or directory (os error 2))",
        "gates.md: the picture ../secret.png was not attached (pictures are read only from the story's own folder and below)",
      ],
      notices: ["gates.md: the file says status: exported; imported stories start as drafts"],
    };
    const desk = fakeDesk(null, { importFiles: vi.fn(() => Promise.resolve(report)) });
    await importFiles(desk, ["/desk/gates.md", "/desk/budget.txt"]);
    const shown = toasts();
    expect(shown.some((t) => t.includes("Not imported: budget.txt: the file is empty"))).toBe(true);
    expect(shown.filter((t) => t.startsWith("Picture missing: gates.md: the picture"))).toHaveLength(2);
    expect(shown.some((t) => t.includes("imported stories start as drafts"))).toBe(true);
    expect(shown.some((t) => t.includes("barrier.jpg was not attached"))).toBe(true);
    // The notices stay until dismissed: they are errors, not passing news.
    const notice = [...document.querySelectorAll<HTMLElement>(".toast")].find((t) => t.textContent?.includes("barrier.jpg"));
    expect(notice?.dataset.kind).toBe("error");
    expect(desk.library.setQuery).toHaveBeenCalledWith("");
    expect(desk.show).toHaveBeenCalledWith(imported);
  });

  it("attach pictures to the open story, the first as hero", async () => {
    const open = story();
    const file = { hash: "ab".repeat(32), file_name: "quay.png", mime: "image/png", size: 10 };
    const desk = fakeDesk(open, { addPictures: vi.fn(() => Promise.resolve({ files: [file, { ...file, file_name: "b.png" }], failures: ["c.png: too big"] })) });
    await addPictures(desk, ["/a/quay.png"]);
    expect(open.media.map((m) => [m.file?.file_name, m.hero])).toEqual([
      ["quay.png", true],
      ["b.png", false],
    ]);
    expect(desk.mediaAdded).toHaveBeenCalled();
    expect(toasts().some((t) => t.includes("Not added: c.png: too big"))).toBe(true);
  });

  it("send dropped files where they belong and refuse the rest", async () => {
    const importFilesCall = vi.fn(() => Promise.resolve({ stories: [], failures: [], missing_pictures: [], notices: [] }));
    const addPicturesCall = vi.fn(() => Promise.resolve({ files: [], failures: [] }));
    const receivePackages = vi.fn(() => Promise.resolve([]));
    const desk = fakeDesk(story(), { importFiles: importFilesCall, addPictures: addPicturesCall, receivePackages });
    dropFiles(desk, ["/a/x.JPG", "/a/y.markdown", "/a/z.pdf", "/a/ferries.dateline-story"]);
    await settle();
    expect(addPicturesCall).toHaveBeenCalledWith(["/a/x.JPG"]);
    expect(importFilesCall).toHaveBeenCalledWith(["/a/y.markdown"]);
    expect(receivePackages).toHaveBeenCalledWith(["/a/ferries.dateline-story"]);
    expect(toasts().some((t) => t.includes("z.pdf is neither a story"))).toBe(true);
  });

  it("export the ticked stories, else the open one, else explain", () => {
    const desk = fakeDesk(null);
    createCommands(desk).export();
    expect(toasts().some((t) => t.includes("to export"))).toBe(true);
    const open = fakeDesk(story());
    createCommands(open).export();
    expect(document.querySelector("[data-testid=export-dialog]")?.textContent).toContain(story().headline);
    closeModal();
    open.ticked.mockReturnValue(["a", "b"]);
    createCommands(open).export();
    expect(document.querySelector("[data-testid=export-go]")?.textContent).toBe("Export 2 stories…");
  });
});

describe("CMS commands", () => {
  const harbour = target({ id: "t1" });

  it("send the ticked stories, else the open one, else explain", async () => {
    const none = fakeDesk(null);
    createCommands(none).push();
    expect(toasts().some((t) => t.includes("to send them to the CMS"))).toBe(true);

    const pushStories = vi.fn(() => Promise.resolve([]));
    const desk = fakeDesk(story(), { listTargets: vi.fn(() => Promise.resolve([harbour])), pushStories });
    createCommands(desk).push();
    await settle();
    expect(document.querySelector("[data-testid=push-dialog]")?.textContent).toContain(story().headline);
    closeModal();

    desk.ticked.mockReturnValue(["a", "b"]);
    createCommands(desk).push();
    await settle();
    const send = document.querySelector<HTMLButtonElement>("[data-testid=push-send]");
    expect(send?.textContent).toBe("Send 2 stories");
    send?.click();
    await settle();
    await settle();
    // The open story is saved first, then the ticked ones go; the desk reads them again.
    expect(desk.settle).toHaveBeenCalled();
    expect(pushStories).toHaveBeenCalledWith(["a", "b"], "Harbour News", "ask", expect.any(Function));
    expect(desk.storiesSent).toHaveBeenCalledWith(["a", "b"]);
  });

  it("send only the open story from the story's own button, whatever is ticked", async () => {
    const desk = fakeDesk(story(), { listTargets: vi.fn(() => Promise.resolve([harbour])) });
    desk.ticked.mockReturnValue(["a", "b"]);
    openPush(desk, true);
    await settle();
    expect(document.querySelector("[data-testid=push-send]")?.textContent).toBe("Send");
    expect(document.querySelector("[data-testid=push-dialog]")?.textContent).toContain(story().headline);
  });

  it("go from Send to CMS… to the targets and back", async () => {
    const desk = fakeDesk(story(), { listTargets: vi.fn(() => Promise.resolve([])) });
    createCommands(desk).push();
    await settle();
    document.querySelector<HTMLButtonElement>("[data-testid=push-add-target]")?.click();
    expect(document.querySelector("[data-testid=push-dialog]")).toBeNull();
    expect(document.querySelector("[data-testid=targets-dialog]")).not.toBeNull();
    document.querySelector<HTMLButtonElement>("[data-testid=targets-back]")?.click();
    expect(document.querySelector("[data-testid=push-dialog]")).not.toBeNull();
  });

  it("open the outbox and the targets", async () => {
    const desk = fakeDesk(null, { outbox: vi.fn(() => Promise.resolve([])), listTargets: vi.fn(() => Promise.resolve([])) });
    createCommands(desk).outbox();
    await settle();
    expect(document.querySelector("[data-testid=outbox-empty]")?.textContent).toBe("Nothing waits to be sent.");
    createCommands(desk).targets();
    await settle();
    expect(document.querySelector("[data-testid=targets-dialog]")).not.toBeNull();
    // Opened from the command, there is nothing to go back to.
    expect(document.querySelector("[data-testid=targets-back]")).toBeNull();
  });
});
