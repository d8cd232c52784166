// The window: library on the left, the body editor and its live preview in
// the middle, the story's parts on the right. This file wires the pieces to
// each other and to the Rust commands; the pieces live in components/ and the
// testable rules in logic/.
import { toAppError, type Api } from "./api";
import type { LibraryInfo } from "./bindings/LibraryInfo";
import type { Session } from "./bindings/Session";
import type { Status } from "./bindings/Status";
import type { Story } from "./bindings/Story";
import type { StoryId } from "./bindings/StoryId";
import { confirmDialog, exportDialog, helpDialog, isModalOpen, pasteDialog, revisionsDialog } from "./components/dialogs";
import { h, isTyping, replaceChildren } from "./components/dom";
import type { BodyEditor } from "./components/editor";
import { createLibrary, type LibraryPane } from "./components/library";
import { createPanels, type Panels } from "./components/panels";
import { createPreview, type Device, type PreviewPane } from "./components/preview";
import { errorToast, toast } from "./components/toast";
import { Autosaver, type SaveState } from "./logic/autosave";
import { plural, readingText, STATUSES, statusLabel, timeOfDay } from "./logic/format";
import { commandFor, type Command } from "./logic/shortcuts";

/** What the window needs from the platform besides the commands. */
export interface Platform {
  onFileDrop: (handler: (event: { type: "enter" | "leave" | "drop"; paths: string[] }) => void) => void;
  onCloseRequested: (handler: () => Promise<boolean>) => void;
  destroyWindow: () => void;
}

const STORY_EXTENSIONS = ["txt", "text", "md", "markdown"];
const PICTURE_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp", "avif"];

function extension(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? "";
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

function median(values: number[], q: number): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
}

export class App {
  private readonly api: Api;
  private readonly platform: Platform;
  private story: Story | null = null;
  private info: LibraryInfo = { path: "", story_count: 0, sections: [], media_url: "" };
  private session: Session = { open_story: null, show_preview: true, phone_preview: false, status_filter: null, section_filter: "" };
  private readonly autosaver: Autosaver;
  private library!: LibraryPane;
  /** CodeMirror is loaded after the library is on screen (see start). */
  private editor: BodyEditor | null = null;
  private editorLoading: Promise<BodyEditor> | null = null;
  private editorHost!: HTMLElement;
  private preview!: PreviewPane;
  private panels: Panels | null = null;
  private selection: StoryId[] = [];

  // Elements updated in place.
  private root!: HTMLElement;
  private saveStateEl!: HTMLElement;
  private inspector!: HTMLElement;
  private statusButtons!: HTMLElement;
  private statusMessage!: HTMLElement;
  private blockersEl!: HTMLElement;
  private countsEl!: HTMLElement;
  private conflictEl!: HTMLElement;
  private conflictText!: HTMLElement;
  private latencyEl!: HTMLElement;
  private exportButton!: HTMLButtonElement;
  private dropOverlay!: HTMLElement;

  // Preview scheduling: one render in flight, the latest change next.
  private rendering = false;
  private renderAgain = false;
  private firstChangeAt = 0;
  private readonly latencies: number[] = [];
  private wordCount = 0;
  /** Resolved when a preview is first on screen (startup timing). */
  private previewShown: () => void = () => undefined;
  private sessionTimer: ReturnType<typeof setTimeout> | null = null;
  private blockersTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(api: Api, platform: Platform) {
    this.api = api;
    this.platform = platform;
    this.autosaver = new Autosaver({
      current: () => this.story,
      save: (story, explicit) => this.api.saveStory(story, explicit),
      saved: (stored, newer) => this.saved(stored, newer),
      state: (s) => this.showSaveState(s),
      toAppError,
    });
  }

  /** Builds the window and opens where the reporter left off. */
  async start(root: HTMLElement): Promise<void> {
    this.root = root;
    this.build(root);
    const [session, info] = await Promise.all([this.api.getSession(), this.api.libraryInfo()]);
    this.session = session;
    this.info = info;
    this.library.setFilters(session.status_filter, session.section_filter);
    this.applyPreviewSettings();
    await this.library.refresh();
    // The library is listed and takes clicks, searches and shortcuts: that
    // is "interactive". The editor's code and the last story come next.
    await this.api.uiReady();
    void this.api.reportTiming("startup_interactive", performance.now());
    void this.loadEditor();
    if (session.open_story) {
      try {
        const shown = new Promise<void>((resolve) => (this.previewShown = resolve));
        this.setStory(await this.api.getStory(session.open_story));
        await Promise.all([this.loadEditor(), this.session.show_preview ? shown : null]);
        void this.api.reportTiming("startup_story_open", performance.now());
      } catch {
        // The story was deleted elsewhere: start on the library.
        this.session.open_story = null;
      }
    }
    if (!this.story) this.showEmpty();
  }

  /** Loads CodeMirror (a separate chunk) once, and mounts it. */
  private loadEditor(): Promise<BodyEditor> {
    this.editorLoading ??= import("./components/editor").then(({ createEditor }) => {
      const editor = createEditor(this.editorHost, (text) => {
        if (!this.story) return;
        this.story.body = text;
        this.changed();
      });
      this.editor = editor;
      if (this.story) editor.load(this.story.body);
      return editor;
    });
    return this.editorLoading;
  }

  // ---- building ---------------------------------------------------------

  private build(root: HTMLElement): void {
    this.library = createLibrary(this.api, {
      open: (id) => void this.open(id),
      selectionChanged: (ids) => {
        this.selection = ids;
        this.exportButton.textContent = ids.length > 1 ? `Export ${ids.length}…` : "Export…";
      },
      filtersChanged: (status, section) => {
        this.session.status_filter = status;
        this.session.section_filter = section;
        this.saveSession();
      },
      error: (message) => errorToast(message),
    });
    this.editorHost = h("div", { class: "cm-host" });
    this.preview = createPreview();

    const button = (text: string, title: string, testid: string, run: () => void, cls = "") =>
      h("button", { class: cls, text, title, attrs: { "data-testid": testid }, on: { click: run } });
    this.exportButton = button("Export…", "Export (Ctrl+E)", "export", () => this.run("export"));
    this.saveStateEl = h("div", { class: "save-state", attrs: { "data-testid": "save-state", "aria-live": "polite" } });
    const topbar = h(
      "header",
      { class: "topbar" },
      h("div", { class: "brand" }, h("span", { class: "brand-mark", text: "D" }), "Dateline"),
      h(
        "nav",
        { class: "actions" },
        button("New story", "New story (Ctrl+N)", "new-story", () => this.run("new"), "primary"),
        button("Import…", "Import .txt or .md files (Ctrl+O)", "import", () => this.run("import")),
        button("Paste story", "Make a story from pasted text", "paste-story", () => this.pasteStory()),
        this.exportButton,
        button("Revisions", "Revisions of this story (Ctrl+Shift+H)", "revisions", () => this.run("revisions")),
        button("Preview", "Show or hide the preview (Ctrl+P)", "toggle-preview", () => this.run("preview")),
        button("?", "Keyboard shortcuts (F1)", "help", () => this.run("help"), "icon"),
      ),
      this.saveStateEl,
    );

    this.statusButtons = h("div", { class: "status-buttons", attrs: { role: "group", "aria-label": "Status" } });
    this.statusMessage = h("p", { class: "status-message", attrs: { role: "alert", "data-testid": "status-message" } });
    this.blockersEl = h("p", { class: "blockers hint", attrs: { "data-testid": "ready-blockers" } });
    this.countsEl = h("span", { class: "counts", attrs: { "data-testid": "word-count" } });
    this.conflictText = h("p");
    this.conflictEl = h(
      "div",
      { class: "conflict", attrs: { role: "alert", "data-testid": "conflict-banner" } },
      this.conflictText,
      h(
        "div",
        { class: "conflict-actions" },
        h("span", { text: "Your text is still here." }),
        h("button", { text: "Keep mine", title: "Save your text over the other copy", attrs: { "data-testid": "keep-mine" }, on: { click: () => void this.resolveConflict(true) } }),
        h("button", { text: "Load theirs", title: "Discard your changes and load the stored story", attrs: { "data-testid": "load-theirs" }, on: { click: () => void this.resolveConflict(false) } }),
      ),
    );
    this.conflictEl.hidden = true;
    const editorPane = h(
      "section",
      { class: "editor-pane", attrs: { "aria-label": "Story body" } },
      h(
        "div",
        { class: "story-bar" },
        this.statusButtons,
        this.countsEl,
        h("button", { class: "link danger", text: "Delete…", title: "Delete this story", attrs: { "data-testid": "delete-story" }, on: { click: () => this.deleteStory() } }),
      ),
      this.statusMessage,
      this.blockersEl,
      this.conflictEl,
      this.editorHost,
    );

    this.latencyEl = h("span", { class: "hint latency", attrs: { "data-testid": "preview-latency" } });
    const deviceButton = (device: Device, label: string) =>
      h("button", {
        class: "seg",
        text: label,
        attrs: { "data-device": device, "data-testid": `preview-${device}` },
        on: {
          click: () => {
            this.session.phone_preview = device === "phone";
            this.applyPreviewSettings();
            this.saveSession();
          },
        },
      });
    const previewPane = h(
      "section",
      { class: "preview-pane", attrs: { "aria-label": "Preview" } },
      h("div", { class: "preview-bar" }, h("div", { class: "segmented" }, deviceButton("desktop", "Desktop"), deviceButton("phone", "Phone")), this.latencyEl),
      this.preview.element,
    );
    this.inspector = h("aside", { class: "inspector", attrs: { "aria-label": "Story parts", "data-testid": "inspector" } });
    this.dropOverlay = h("div", { class: "drop-overlay", text: "Drop .txt or .md files to import them, or pictures to add them to the story" });
    this.dropOverlay.hidden = true;

    replaceChildren(
      root,
      topbar,
      h("main", { class: "workspace" }, this.library.element, editorPane, previewPane, this.inspector),
      this.dropOverlay,
    );

    document.addEventListener("keydown", (e) => this.onKey(e));
    this.platform.onFileDrop((e) => this.onDrop(e));
    this.platform.onCloseRequested(() => this.beforeClose());
  }

  private showEmpty(): void {
    this.root.classList.add("no-story");
    replaceChildren(
      this.inspector,
      h(
        "div",
        { class: "empty-state", attrs: { "data-testid": "empty-state" } },
        h("h2", { text: "No story open" }),
        h("p", { text: "Pick one from the library, or start one:" }),
        h("button", { class: "primary", text: "New story", on: { click: () => this.run("new") } }),
        h("button", { text: "Import files…", on: { click: () => this.run("import") } }),
        h("button", { text: "Paste story", on: { click: () => this.pasteStory() } }),
      ),
    );
    this.preview.clear();
    this.editor?.load("");
    this.countsEl.textContent = "";
    replaceChildren(this.statusButtons);
    this.statusMessage.textContent = "";
    this.blockersEl.textContent = "";
    this.saveStateEl.textContent = "";
  }

  // ---- the open story ---------------------------------------------------

  /** Saves what is typed; false (with the reason shown) when it cannot be. */
  private async settle(): Promise<boolean> {
    if (!this.story) return true;
    try {
      await this.autosaver.flush();
      return true;
    } catch (e) {
      errorToast(`“${this.story.headline}” is not saved yet: ${toAppError(e).message}. It stays open so nothing is lost.`);
      return false;
    }
  }

  async open(id: StoryId): Promise<void> {
    if (this.story?.id === id) return;
    if (!(await this.settle())) return;
    try {
      this.setStory(await this.api.getStory(id));
    } catch (e) {
      errorToast(toAppError(e).message);
    }
  }

  private setStory(story: Story): void {
    this.story = story;
    this.root.classList.remove("no-story");
    this.autosaver.reset();
    this.conflictEl.hidden = true;
    this.editor?.load(story.body);
    this.statusMessage.textContent = "";
    this.rebuildPanels();
    this.showStatus();
    this.showSaveState({ kind: "saved", at: new Date(story.updated_at) });
    this.library.setActive(story.id);
    this.session.open_story = story.id;
    this.saveSession();
    this.firstChangeAt = performance.now();
    this.requestPreview();
    this.refreshBlockers();
  }

  private rebuildPanels(): void {
    const story = this.story;
    if (!story) return;
    this.panels = createPanels({
      story,
      api: this.api,
      changed: () => this.changed(),
      mediaUrl: this.info.media_url,
      sections: this.info.sections,
      addPictures: () => this.addPictures(null),
      selection: () => this.editor?.selection() ?? null,
      bodyText: () => story.body,
    });
    replaceChildren(this.inspector, this.panels.element);
  }

  /** Something in the story changed in the window. */
  private changed(): void {
    const story = this.story;
    if (!story) return;
    if (this.firstChangeAt === 0) this.firstChangeAt = performance.now();
    this.autosaver.touch();
    this.requestPreview();
    this.library.patch({ id: story.id, headline: story.headline, kicker: story.kicker, status: story.status, updated_at: story.updated_at });
  }

  private saved(stored: Story, newer: boolean): void {
    const story = this.story;
    if (!story || story.id !== stored.id) return;
    // Keep what was typed meanwhile; take what the library decides.
    story.version = stored.version;
    story.updated_at = stored.updated_at;
    story.status = stored.status;
    if (!newer) this.library.patch({ ...stored, word_count: this.wordCount });
    if (!this.info.sections.includes(stored.section) && stored.section) {
      this.info.sections = [...this.info.sections, stored.section].sort();
    }
    this.refreshBlockers();
    if (!document.querySelector(`.story-row[data-id="${CSS.escape(stored.id)}"]`)) void this.library.refresh();
  }

  private showSaveState(s: SaveState): void {
    const el = this.saveStateEl;
    el.dataset.state = s.kind;
    switch (s.kind) {
      case "saved":
        el.textContent = "Saved";
        el.title = `Saved at ${timeOfDay(s.at)}`;
        this.conflictEl.hidden = true;
        break;
      case "unsaved":
        el.textContent = "Edited";
        el.title = "Saved within a second of the last keystroke";
        break;
      case "saving":
        el.textContent = "Saving…";
        break;
      case "conflict":
        el.textContent = "Not saved: conflict";
        el.title = s.message;
        this.conflictText.textContent = `Not saved: ${s.message}.`;
        this.conflictEl.hidden = false;
        break;
      case "error":
        el.textContent = "Not saved";
        el.title = s.message;
        break;
    }
    if (s.kind === "error") {
      this.statusMessage.textContent = `Not saved: ${s.message}`;
      this.statusMessage.dataset.kind = "save";
    } else if (this.statusMessage.dataset.kind === "save") {
      this.statusMessage.textContent = "";
      delete this.statusMessage.dataset.kind;
    }
  }

  private async resolveConflict(keepMine: boolean): Promise<void> {
    const story = this.story;
    if (!story) return;
    try {
      const theirs = await this.api.getStory(story.id);
      if (keepMine) {
        story.version = theirs.version;
        story.status = theirs.status;
        this.autosaver.resolved(true);
        await this.autosaver.flush();
        toast("Your version is saved.");
      } else {
        this.setStory(theirs);
        toast("The stored version is loaded.");
      }
    } catch (e) {
      errorToast(toAppError(e).message);
    }
  }

  private showStatus(): void {
    const story = this.story;
    if (!story) return;
    replaceChildren(
      this.statusButtons,
      ...STATUSES.map((status) =>
        h("button", {
          class: `status-button status-${status}${status === story.status ? " current" : ""}`,
          text: statusLabel(status),
          title: status === story.status ? "The story's status" : `Move to ${statusLabel(status)}`,
          attrs: { "data-testid": `status-${status}`, "aria-pressed": String(status === story.status) },
          on: { click: () => void this.move(status) },
        }),
      ),
    );
  }

  private async move(to: Status): Promise<void> {
    const story = this.story;
    if (!story || story.status === to) return;
    if (!(await this.settle())) return;
    try {
      const moved = await this.api.setStatus(story.id, to, story.version);
      story.status = moved.status;
      story.version = moved.version;
      story.updated_at = moved.updated_at;
      this.statusMessage.textContent = "";
      this.showStatus();
      this.library.patch(moved);
    } catch (e) {
      // The core says why ("a draft goes to review before it can be Ready").
      this.statusMessage.textContent = toAppError(e).message;
      this.statusMessage.dataset.kind = "status";
    }
  }

  private refreshBlockers(): void {
    if (this.blockersTimer) clearTimeout(this.blockersTimer);
    this.blockersTimer = setTimeout(() => {
      const story = this.story;
      if (!story) return;
      this.api.readyBlockers(story).then(
        (blockers) => {
          this.blockersEl.textContent = blockers.length ? `Before Ready: ${blockers.join("; ")}.` : "";
        },
        () => undefined,
      );
    }, 300);
  }

  private deleteStory(): void {
    const story = this.story;
    if (!story) return;
    confirmDialog("Delete story", `Delete “${story.headline}” and its revisions? This cannot be undone.`, "Delete", () => {
      this.api.deleteStory(story.id).then(
        () => {
          this.story = null;
          this.autosaver.reset();
          this.session.open_story = null;
          this.saveSession();
          this.showEmpty();
          void this.library.refresh();
          toast(`“${story.headline}” was deleted.`);
        },
        (e: unknown) => errorToast(toAppError(e).message),
      );
    });
  }

  // ---- preview ----------------------------------------------------------

  private requestPreview(): void {
    if (this.rendering) {
      this.renderAgain = true;
      return;
    }
    void this.renderPreview();
  }

  private async renderPreview(): Promise<void> {
    const story = this.story;
    if (!story) return;
    this.rendering = true;
    const since = this.firstChangeAt;
    this.firstChangeAt = 0;
    try {
      const result = await this.api.renderPreview(story);
      if (this.story === story) {
        this.wordCount = result.word_count;
        this.countsEl.textContent = `${plural(result.word_count, "word")} · ${readingText(result.reading_minutes)}`;
        if (this.session.show_preview) {
          await this.preview.show(result.html);
          this.previewShown();
          if (since > 0) this.recordLatency(performance.now() - since);
        }
      }
    } catch (e) {
      errorToast(`The preview failed: ${toAppError(e).message}`);
    } finally {
      this.rendering = false;
    }
    if (this.renderAgain) {
      this.renderAgain = false;
      void this.renderPreview();
    }
  }

  private recordLatency(ms: number): void {
    this.latencyEl.textContent = `Updated in ${Math.round(ms)} ms`;
    this.latencyEl.dataset.ms = ms.toFixed(1);
    this.latencyEl.dataset.renders = String(Number(this.latencyEl.dataset.renders ?? "0") + 1);
    this.latencies.push(ms);
    if (this.latencies.length >= 20) {
      void this.api.reportTiming("keystroke_to_preview_p50", median(this.latencies, 0.5));
      void this.api.reportTiming("keystroke_to_preview_p95", median(this.latencies, 0.95));
      this.latencies.length = 0;
    }
  }

  private applyPreviewSettings(): void {
    this.root.classList.toggle("no-preview", !this.session.show_preview);
    this.preview.setDevice(this.session.phone_preview ? "phone" : "desktop");
    for (const b of this.root.querySelectorAll<HTMLElement>("[data-device]")) {
      b.setAttribute("aria-pressed", String((b.dataset.device === "phone") === this.session.phone_preview));
    }
  }

  // ---- actions ----------------------------------------------------------

  private run(command: Command): void {
    switch (command) {
      case "new":
        void this.newStory();
        break;
      case "save":
        void this.saveRevision();
        break;
      case "find":
        this.library.search.focus();
        this.library.search.select();
        break;
      case "preview":
        this.session.show_preview = !this.session.show_preview;
        this.applyPreviewSettings();
        this.saveSession();
        if (this.session.show_preview) {
          this.firstChangeAt = performance.now();
          this.requestPreview();
        }
        break;
      case "export":
        this.openExport();
        break;
      case "import":
        void this.importFiles(null);
        break;
      case "revisions":
        this.openRevisions();
        break;
      case "help":
        helpDialog();
        break;
    }
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target instanceof HTMLElement ? e.target : null;
    const inBody = target?.closest(".cm-editor") !== null && target !== null;
    if (isModalOpen() && e.key !== "F1") return;
    const command = commandFor(e, isTyping(target), inBody);
    if (!command) return;
    e.preventDefault();
    this.run(command);
  }

  private async newStory(): Promise<void> {
    if (!(await this.settle())) return;
    try {
      const story = await this.api.createStory("Untitled story");
      this.setStory(story);
      await this.library.refresh();
      this.library.setActive(story.id);
      const headline = this.inspector.querySelector<HTMLTextAreaElement>('[data-field="headline"]');
      headline?.focus();
      headline?.select();
    } catch (e) {
      errorToast(toAppError(e).message);
    }
  }

  private async saveRevision(): Promise<void> {
    if (!this.story) return;
    try {
      await this.autosaver.flush(true);
      toast("Saved, and kept as a revision.");
    } catch (e) {
      errorToast(`Not saved: ${toAppError(e).message}`);
    }
  }

  private pasteStory(): void {
    pasteDialog(this.api, (story) => void this.imported([story], []));
  }

  private async importFiles(paths: string[] | null): Promise<void> {
    try {
      const report = await this.api.importFiles(paths);
      await this.imported(report.stories, report.failures);
    } catch (e) {
      errorToast(toAppError(e).message);
    }
  }

  private async imported(stories: Story[], failures: string[]): Promise<void> {
    for (const failure of failures) errorToast(`Not imported: ${failure}`);
    const last = stories[stories.length - 1];
    if (!last) return;
    this.info = await this.api.libraryInfo();
    this.library.search.value = "";
    await this.library.refresh();
    if (await this.settle()) this.setStory(last);
    toast(stories.length === 1 ? `Imported “${last.headline}”.` : `Imported ${stories.length} stories.`);
  }

  private async addPictures(paths: string[] | null): Promise<void> {
    const story = this.story;
    if (!story) {
      errorToast("Open a story first: pictures belong to a story.");
      return;
    }
    try {
      const added = await this.api.addPictures(paths);
      for (const failure of added.failures) errorToast(`Not added: ${failure}`);
      if (this.story !== story || added.files.length === 0) return;
      const hasHero = story.media.some((m) => m.hero);
      added.files.forEach((file, i) => {
        story.media.push({ id: crypto.randomUUID(), file, caption: "", credit: "", alt_text: "", rights: "", hero: !hasHero && i === 0 });
      });
      this.changed();
      this.panels?.refreshMedia();
      toast(`Added ${plural(added.files.length, "picture")}: give each a caption, credit and alt text.`);
    } catch (e) {
      errorToast(toAppError(e).message);
    }
  }

  private onDrop(e: { type: "enter" | "leave" | "drop"; paths: string[] }): void {
    this.dropOverlay.hidden = e.type !== "enter";
    if (e.type !== "drop") return;
    const stories = e.paths.filter((p) => STORY_EXTENSIONS.includes(extension(p)));
    const pictures = e.paths.filter((p) => PICTURE_EXTENSIONS.includes(extension(p)));
    const others = e.paths.filter((p) => !stories.includes(p) && !pictures.includes(p));
    for (const other of others) errorToast(`${other.split(/[\\/]/).pop() ?? other} is neither a story (.txt, .md) nor a picture.`);
    if (pictures.length) void this.addPictures(pictures);
    if (stories.length) void this.importFiles(stories);
  }

  private openExport(): void {
    const ids = this.selection.length > 0 ? this.selection : this.story ? [this.story.id] : [];
    if (ids.length === 0) {
      errorToast("Open a story, or tick stories in the library, to export.");
      return;
    }
    exportDialog(this.api, {
      ids,
      headline: this.story?.headline ?? "",
      beforeExport: async () => {
        if (!(await this.settle())) throw new Error("the open story could not be saved first");
      },
      done: (path) => toast(`Exported to ${path}`, "info", { label: "Show in folder", run: () => void this.api.revealFile(path).catch((e: unknown) => errorToast(toAppError(e).message)) }),
    });
  }

  private openRevisions(): void {
    const story = this.story;
    if (!story) {
      errorToast("Open a story to see its revisions.");
      return;
    }
    revisionsDialog(this.api, {
      story,
      currentVersion: () => this.story?.version ?? story.version,
      beforeRestore: async () => {
        if (!(await this.settle())) throw new Error("the open story could not be saved first");
      },
      restored: (restored) => {
        this.setStory(restored);
        void this.library.refresh();
        toast("Revision restored; the text before it is kept as a revision.");
      },
      render: async (s) => (await this.api.renderPreview(s)).html,
    });
  }

  private saveSession(): void {
    if (this.sessionTimer) clearTimeout(this.sessionTimer);
    this.sessionTimer = setTimeout(() => {
      this.api.setSession(this.session).catch((e: unknown) => errorToast(toAppError(e).message));
    }, 250);
  }

  /** True when the window may close: everything typed is stored. */
  private async beforeClose(): Promise<boolean> {
    if (!this.story || !this.autosaver.dirty) return true;
    try {
      await this.autosaver.flush();
      return true;
    } catch (e) {
      confirmDialog(
        "Close without saving?",
        `“${this.story.headline}” has changes that could not be saved: ${toAppError(e).message}`,
        "Close without saving",
        () => this.platform.destroyWindow(),
      );
      return false;
    }
  }
}
