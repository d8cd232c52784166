// The window: library on the left, the body editor and its live preview in
// the middle, the story's parts on the right. This file holds the open story
// and wires the panes (components/) to each other, to the commands
// (commands/) and to the Rust commands; the testable rules live in logic/.
import { toAppError, type Api } from "./api";
import { SESSION_DEFAULTS } from "./bindings/constants";
import type { Decision } from "./bindings/Decision";
import type { LibraryInfo } from "./bindings/LibraryInfo";
import type { Person } from "./bindings/Person";
import type { Preview } from "./bindings/Preview";
import type { PushOutcome } from "./bindings/PushOutcome";
import type { Session } from "./bindings/Session";
import type { Status } from "./bindings/Status";
import type { Story } from "./bindings/Story";
import type { StoryId } from "./bindings/StoryId";
import type { SuggestionTarget } from "./bindings/SuggestionTarget";
import { outcomeSentence } from "./cms/labels";
import { reloadOutboxDialog } from "./cms/outbox-dialog";
import { createPublishedPanel, type PublishedPanel } from "./cms/published-panel";
import { createCommands, type Desk, type Handler, type Pane } from "./commands";
import { openPush } from "./commands/cms";
import { addPictures, dropFiles, openFiles } from "./commands/files";
import { confirmDialog, isModalOpen } from "./components/dialogs";
import { h, isTyping, replaceChildren } from "./components/dom";
import { createEditorPane, type EditorPane } from "./components/editor-pane";
import { createEmptyState, createInspector, type Inspector } from "./components/inspector";
import { createLibrary, type LibraryPane } from "./components/library";
import { createPanels, type Panels } from "./components/panels";
import { createPreviewPanel, type PreviewPanel } from "./components/preview-panel";
import { errorToast, prepareToasts, toast } from "./components/toast";
import { createTopbar, type Topbar } from "./components/topbar";
import { Autosaver, type SaveState } from "./logic/autosave";
import { debounce } from "./logic/debounce";
import { LatencySamples } from "./logic/latency";
import { PreviewScheduler } from "./logic/preview-scheduler";
import { commandFor, type Command } from "./logic/shortcuts";
import { SelectionMemory } from "./review/selection";
import { mergeConflicts } from "./review/suggestions-panel";
import { whoamiHint } from "./review/whoami";

/** What the window needs from the platform besides the commands. */
export interface Platform {
  onFileDrop: (handler: (event: { type: "enter" | "leave" | "drop"; paths: string[] }) => void) => void;
  onCloseRequested: (handler: () => Promise<boolean>) => void;
  destroyWindow: () => void;
}

export class App implements Desk {
  readonly api: Api;
  private readonly platform: Platform;
  private current: Story | null = null;
  private info: LibraryInfo = { path: "", story_count: 0, sections: [], media_url: "", version: "" };
  /** Until `get_session` answers, Rust's defaults (generated, not copied). */
  private session: Session = { ...SESSION_DEFAULTS };
  private readonly autosaver: Autosaver;
  private readonly previews: PreviewScheduler<Story, Preview>;
  private readonly latencies: LatencySamples;
  private readonly commands: Record<Command, Handler>;
  private ticks: StoryId[] = [];
  private wordCount = 0;
  /** Who signs comments and suggestions; null until the core has said. */
  private me: Person | null = null;
  /** Edits become suggestions. */
  private suggesting = false;
  /** The preview shows every suggestion accepted. */
  private suggestionsApplied = false;
  /** The last words selected, for a comment. */
  private readonly memory = new SelectionMemory();
  /** The body's suggestions and conflicts, read again once the typing pauses. */
  private readonly refreshReview = debounce(() => this.showReview(), 250);
  /** Resolved when a preview is first on screen (startup timing). */
  private firstPreview: () => void = () => undefined;
  /** The session file, written once the clicks stop. */
  private readonly saveSession = debounce(() => {
    // The session only remembers the view, never work: a write that fails
    // (or one still pending as the window goes) is not worth a word.
    this.api.setSession(this.session).catch(() => undefined);
  }, 250);
  /** What stops the open story being Ready, asked once the typing pauses. */
  private readonly refreshBlockers = debounce(() => {
    const story = this.current;
    if (!story) return;
    this.api.readyBlockers(story).then(
      (blockers) => this.editorPane.setBlockers(blockers),
      () => undefined,
    );
  }, 300);

  // The panes, built in start().
  private root!: HTMLElement;
  library!: LibraryPane;
  private topbar!: Topbar;
  private editorPane!: EditorPane;
  private previewPanel!: PreviewPanel;
  private inspector!: Inspector;
  /** "Published to": where the open story went. */
  private published!: PublishedPanel;
  private emptyState!: HTMLElement;
  private panels: Panels | null = null;

  constructor(api: Api, platform: Platform) {
    this.api = api;
    this.platform = platform;
    this.autosaver = new Autosaver({
      current: () => this.current,
      save: (story, explicit) => this.api.saveStory(story, explicit),
      saved: (stored, newer) => this.saved(stored, newer),
      state: (s) => this.showSaveState(s),
      toAppError,
    });
    this.latencies = new LatencySamples((name, ms) => void this.api.reportTiming(name, ms));
    this.previews = new PreviewScheduler({
      current: () => this.current,
      render: (story) => this.api.renderPreview(story, this.suggestionsApplied),
      show: (result) => this.showPreview(result),
      measured: (ms) => {
        this.previewPanel.showLatency(ms);
        this.latencies.add(ms);
      },
      failed: (e) => errorToast(`The preview failed: ${toAppError(e).message}`),
    });
    this.commands = createCommands(this);
  }

  /** Builds the window and opens where the reporter left off. */
  async start(root: HTMLElement): Promise<void> {
    this.root = root;
    this.build(root);
    // Queued pushes that went out by themselves: said, and shown.
    this.api.onOutboxChanged((outcomes) => void this.outboxChanged(outcomes)).catch(() => undefined);
    const [session, info] = await Promise.all([this.api.getSession(), this.api.libraryInfo()]);
    this.session = session;
    this.info = info;
    this.library.setFilters(session.status_filter, session.section_filter);
    this.applyPreviewSettings();
    // Who signs comments: asked on the side, so it never holds up the start.
    this.api.whoami().then(
      (person) => person && this.setPerson(person),
      () => undefined,
    );
    await this.library.refresh();
    // The library is listed and takes clicks, searches and shortcuts: that
    // is "interactive". The editor's code and the last story come next.
    await this.api.uiReady();
    void this.api.reportTiming("startup_interactive", performance.now());
    void this.editorPane.loadEditor();
    if (session.open_story) {
      try {
        const shown = new Promise<void>((resolve) => (this.firstPreview = resolve));
        this.show(await this.api.getStory(session.open_story));
        await Promise.all([this.editorPane.loadEditor(), this.session.show_preview ? shown : null]);
        void this.api.reportTiming("startup_story_open", performance.now());
      } catch {
        // The story was deleted elsewhere: start on the library.
        this.session.open_story = null;
      }
    }
    if (!this.current) this.showEmpty();
    // Files Dateline was started with, then any another launch hands over.
    this.api.onFilesOpened(() => void this.takeOpenedFiles()).catch(() => undefined);
    await this.takeOpenedFiles();
  }

  /** Imports or takes in the files Dateline was asked to open. */
  private async takeOpenedFiles(): Promise<void> {
    try {
      const paths = await this.api.openedFiles();
      if (paths.length > 0) await openFiles(this, paths);
    } catch (e) {
      errorToast(`Not opened: ${toAppError(e).message}`);
    }
  }

  /** Runs a command, from a key or a button. */
  run(command: Command): void {
    this.commands[command]();
  }

  private build(root: HTMLElement): void {
    const run = (command: Command) => this.run(command);
    this.library = createLibrary(this.api, {
      open: (id) => void this.openStory(id),
      selectionChanged: (ids) => {
        this.ticks = ids;
        this.topbar.setTicked(ids.length);
      },
      filtersChanged: (status, section) => {
        this.session.status_filter = status;
        this.session.section_filter = section;
        this.saveSession();
      },
      error: (message) => errorToast(message),
      listed: () => {
        this.showSendLabel();
        void this.refreshOutbox();
      },
    });
    this.topbar = createTopbar(run);
    this.editorPane = createEditorPane({
      move: (to) => void this.move(to),
      resolveConflict: (keepMine) => void this.resolveConflict(keepMine),
      deleteStory: () => run("delete"),
      push: () => openPush(this, true),
      bodyChanged: (text) => {
        if (!this.current) return;
        this.current.body = text;
        this.changed();
        this.refreshReview();
      },
      bodySelected: (some) => {
        if (!some) {
          this.memory.released("body");
          return;
        }
        this.memory.picked("body", () => {
          const range = this.editorPane.lastSelection();
          return range && { field: "body", text: this.editorPane.bodyText(), ...range };
        });
      },
      commentClicked: (id) => this.panels?.showComment(id, false),
      toggleSuggesting: () => this.toggleSuggesting(),
      showSuggestions: () => this.panels?.showSuggestions(),
    });
    this.previewPanel = createPreviewPanel(
      (device) => {
        this.session.phone_preview = device === "phone";
        this.applyPreviewSettings();
        this.saveSession();
      },
      (applied) => {
        this.suggestionsApplied = applied;
        this.previewPanel.setSuggestionsApplied(applied);
        this.previews.restart();
      },
    );
    this.inspector = createInspector();
    this.published = createPublishedPanel(this.api);
    this.emptyState = createEmptyState(run);
    this.emptyState.hidden = true;
    const dropOverlay = h("div", {
      class: "drop-overlay",
      text: "Drop .txt or .md files to import them, pictures to add them to the story, or a .dateline-story review package to open it",
    });
    dropOverlay.hidden = true;
    // The landmarks: the top bar (banner), the library (navigation), the
    // story's body and preview (main), its details (complementary). The skip
    // link comes first, for the keyboard.
    const skip = h("a", {
      class: "skip-link",
      text: "Skip to the story body",
      attrs: { href: "#story", "data-testid": "skip-link" },
      on: {
        click: (e) => {
          e.preventDefault();
          this.focusPane("body");
        },
      },
    });
    const main = h(
      "main",
      { id: "story", class: "story-area" },
      this.editorPane.element,
      this.previewPanel.element,
      this.emptyState,
      dropOverlay,
    );

    replaceChildren(root, skip, this.topbar.element, h("div", { class: "workspace" }, this.library.element, main, this.inspector.element));
    prepareToasts();

    document.addEventListener("keydown", (e) => this.onKey(e));
    this.platform.onFileDrop((e) => {
      dropOverlay.hidden = e.type !== "enter";
      if (e.type === "drop") dropFiles(this, e.paths);
    });
    this.platform.onCloseRequested(() => this.beforeClose());
  }

  /** Moves the keyboard to a pane: the open story's row in the library, the
   * body editor, the preview's page, the first of the story's details. With
   * no story open, the ways to start one stand in for the story's panes. */
  focusPane(pane: Pane): void {
    const startHere = () => this.emptyState.querySelector<HTMLElement>("button")?.focus();
    switch (pane) {
      case "library":
        this.library.focus();
        return;
      case "body":
        if (!this.current) startHere();
        else if (!this.editorPane.focus()) void this.editorPane.loadEditor().then((editor) => editor.focus());
        return;
      case "preview":
        if (!this.current) startHere();
        else {
          if (!this.session.show_preview) this.setPreviewShown(true);
          this.previewPanel.focus();
        }
        return;
      case "details":
        if (!this.current) startHere();
        else this.inspector.focus();
        return;
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

  // ---- what the commands see (Desk) -------------------------------------

  story(): Story | null {
    return this.current;
  }

  ticked(): StoryId[] {
    return this.ticks;
  }

  /** Saves what is typed; false (with the reason shown) when it cannot be. */
  async settle(): Promise<boolean> {
    if (!this.current) return true;
    try {
      await this.autosaver.flush();
      return true;
    } catch (e) {
      errorToast(`“${this.current.headline}” is not saved yet: ${toAppError(e).message}. It stays open so nothing is lost.`);
      return false;
    }
  }

  keepRevision(): Promise<void> {
    return this.autosaver.flush(true);
  }

  show(story: Story, sameStory = false): void {
    const scroll = this.inspector.element.scrollTop;
    this.current = story;
    this.root.classList.remove("no-story");
    this.emptyState.hidden = true;
    this.autosaver.reset();
    this.memory.clear();
    this.editorPane.setBody(story.body, sameStory);
    this.editorPane.setComments(story.notes);
    this.editorPane.clearStatusMessage();
    this.panels = createPanels({
      story,
      api: this.api,
      changed: () => this.changed(),
      mediaUrl: this.info.media_url,
      sections: this.info.sections,
      addPictures: () => addPictures(this, null),
      bodyText: () => story.body,
      published: this.published.element,
      review: {
        person: () => this.me ?? { name: this.signer(), initials: "", chosen: false },
        suggesting: () => this.suggesting,
        memory: this.memory,
        revealBody: (from, to) => this.editorPane.reveal(from, to),
        commentRange: (id) => this.editorPane.commentRange(id),
        decide: (target, decision) => this.decide(target, decision),
        compare: () => this.run("compare"),
        reviewChanged: () => {
          this.editorPane.setComments(story.notes);
          this.panels?.reviewUpdated();
          this.showReview();
        },
      },
    });
    this.inspector.showPanels(this.panels);
    if (!sameStory) void this.published.show(story.id);
    if (sameStory) this.inspector.element.scrollTop = scroll;
    this.editorPane.showStatus(story.status);
    this.showSaveState({ kind: "saved", at: new Date(story.updated_at) });
    this.library.setActive(story.id);
    this.session.open_story = story.id;
    this.saveSession();
    this.previews.restart();
    this.refreshBlockers();
    this.showReview();
    this.showSendLabel();
  }

  closeStory(): void {
    this.current = null;
    this.autosaver.reset();
    this.session.open_story = null;
    this.saveSession();
    this.showEmpty();
  }

  mediaAdded(): void {
    this.changed();
    this.panels?.refreshMedia();
  }

  async reloadInfo(): Promise<void> {
    this.info = await this.api.libraryInfo();
  }

  focusHeadline(): void {
    this.panels?.focusHeadline();
  }

  previewShown(): boolean {
    return this.session.show_preview;
  }

  person(): Person | null {
    return this.me;
  }

  setPerson(person: Person): void {
    this.me = person;
    this.topbar.setPerson(person);
    this.library.showNotice(person.chosen ? null : whoamiHint(person, () => this.run("whoami")));
    if (this.suggesting) this.editorPane.setSuggesting(this.signer());
  }

  toggleSuggesting(): void {
    this.suggesting = !this.suggesting;
    this.editorPane.setSuggesting(this.suggesting ? this.signer() : null);
  }

  startComment(): void {
    if (!this.panels) {
      errorToast("Open a story to comment on it.");
      return;
    }
    this.panels.startComment();
  }

  async storiesSent(ids: StoryId[]): Promise<void> {
    await Promise.all([this.library.refresh(), this.refreshOutbox()]);
    const story = this.current;
    if (!story || !ids.includes(story.id)) return;
    try {
      // A push moves a Ready story to Exported, a new version: take its
      // status and version as a status move does, keeping what is typed.
      const stored = await this.api.getStory(story.id);
      if (this.current === story && stored.version > story.version) {
        story.status = stored.status;
        story.version = stored.version;
        story.updated_at = stored.updated_at;
        this.editorPane.clearStatusMessage();
        this.editorPane.showStatus(story.status);
        this.library.patch(stored);
      }
    } catch (e) {
      errorToast(toAppError(e).message);
    }
    if (this.current === story) await this.published.show(story.id);
  }

  setPreviewShown(shown: boolean): void {
    this.session.show_preview = shown;
    this.applyPreviewSettings();
    this.saveSession();
    if (shown) this.previews.restart();
  }

  // ---- the open story ---------------------------------------------------

  private async openStory(id: StoryId): Promise<void> {
    if (this.current?.id === id) return;
    if (!(await this.settle())) return;
    try {
      this.show(await this.api.getStory(id));
    } catch (e) {
      errorToast(toAppError(e).message);
    }
  }

  /** The name suggestions are signed with. */
  private signer(): string {
    return this.me?.name || "Anonymous";
  }

  /** "Return to reporter…" when the open story came in for review (its
   * library label "From Ada Reyes, for review", or "Received for review"). */
  private showSendLabel(): void {
    const label = this.current ? this.library.reviewLabel(this.current.id) : "";
    this.topbar.setReturning(label.startsWith("From") || label === "Received for review");
  }

  /** The suggestions list and the banner about a merge's conflicts. */
  private showReview(): void {
    const story = this.current;
    if (!story) return;
    this.panels?.bodyChanged();
    const conflicts = mergeConflicts(story, story.body);
    this.editorPane.showMergeConflicts(conflicts.count, conflicts.from);
  }

  /** Accepts or rejects one suggestion (or all: target null). The core
   * decides on the saved story, so pending edits are saved first. */
  private async decide(target: SuggestionTarget | null, decision: Decision): Promise<void> {
    const story = this.current;
    if (!story) return;
    if (!(await this.settle())) throw new Error("the story could not be saved first");
    const next = target
      ? await this.api.decideSuggestion(story.id, story.version, target, decision)
      : await this.api.decideAllSuggestions(story.id, story.version, decision);
    if (this.current !== story) return;
    this.show(next, true);
    this.library.patch(next);
  }

  private showEmpty(): void {
    this.root.classList.add("no-story");
    this.emptyState.hidden = false;
    this.panels = null;
    void this.published.show(null);
    this.inspector.showEmpty();
    this.previewPanel.clear();
    this.editorPane.clear();
    this.topbar.showSaveState(null);
  }

  /** Something in the story changed in the window. */
  private changed(): void {
    const story = this.current;
    if (!story) return;
    this.autosaver.touch();
    this.previews.request();
    this.library.patch({ id: story.id, headline: story.headline, kicker: story.kicker, status: story.status, updated_at: story.updated_at });
  }

  private saved(stored: Story, newer: boolean): void {
    const story = this.current;
    if (!story || story.id !== stored.id) return;
    // Keep what was typed meanwhile; take what the library decides.
    story.version = stored.version;
    story.updated_at = stored.updated_at;
    story.status = stored.status;
    if (!newer) this.library.patch({ ...stored, word_count: this.wordCount });
    // The core keeps comments on their words at every save: take its anchors
    // when nothing was typed meanwhile.
    if (!newer && (JSON.stringify(stored.notes) !== JSON.stringify(story.notes) || JSON.stringify(stored.suggestions) !== JSON.stringify(story.suggestions))) {
      story.notes = stored.notes ?? story.notes;
      story.suggestions = stored.suggestions ?? story.suggestions;
      this.editorPane.setComments(story.notes);
      this.panels?.reviewUpdated();
      this.showReview();
    }
    if (!this.info.sections.includes(stored.section) && stored.section) {
      this.info.sections = [...this.info.sections, stored.section].sort();
    }
    this.refreshBlockers();
    if (!this.library.shows(stored.id)) void this.library.refresh();
  }

  private showSaveState(s: SaveState): void {
    this.topbar.showSaveState(s);
    this.editorPane.showSaveState(s);
  }

  private async resolveConflict(keepMine: boolean): Promise<void> {
    const story = this.current;
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
        this.show(theirs);
        toast("The stored version is loaded.");
      }
    } catch (e) {
      errorToast(toAppError(e).message);
    }
  }

  private async move(to: Status): Promise<void> {
    const story = this.current;
    if (!story || story.status === to) return;
    if (!(await this.settle())) return;
    try {
      const moved = await this.api.setStatus(story.id, to, story.version);
      story.status = moved.status;
      story.version = moved.version;
      story.updated_at = moved.updated_at;
      this.editorPane.clearStatusMessage();
      this.editorPane.showStatus(story.status);
      this.library.patch(moved);
    } catch (e) {
      // The core says why ("a draft goes to review before it can be Ready").
      this.editorPane.showStatusMessage(toAppError(e).message);
    }
  }

  // ---- the CMS ----------------------------------------------------------

  /** The Outbox button's count: the pushes waiting for their site. */
  private async refreshOutbox(): Promise<void> {
    try {
      this.topbar.setOutbox((await this.api.outbox()).length);
    } catch {
      // The count is read again with the next list.
    }
  }

  /** The background sender sent queued pushes: each story sent is said,
   * and the list, the outbox and the open story are read again. */
  private async outboxChanged(outcomes: PushOutcome[]): Promise<void> {
    for (const o of outcomes) {
      if (o.outcome !== "sent") continue;
      toast(outcomeSentence(o, this.library.headline(o.story)), "info", {
        label: "Open the post",
        run: () => void this.api.openUrl(o.url).catch((e: unknown) => errorToast(toAppError(e).message)),
      });
    }
    await this.storiesSent([...new Set(outcomes.map((o) => o.story))]);
    await reloadOutboxDialog();
  }

  // ---- preview ----------------------------------------------------------

  /** Shows a render of the open story; true when its page went on screen. */
  private async showPreview(result: Preview): Promise<boolean> {
    this.wordCount = result.word_count;
    this.editorPane.setCounts(result.word_count, result.reading_minutes);
    if (!this.session.show_preview) return false;
    this.previewPanel.showNotices(result.notices);
    await this.previewPanel.show(result.html);
    this.firstPreview();
    return true;
  }

  private applyPreviewSettings(): void {
    this.root.classList.toggle("no-preview", !this.session.show_preview);
    this.previewPanel.setDevice(this.session.phone_preview ? "phone" : "desktop");
  }

  // ---- closing ----------------------------------------------------------

  /** True when the window may close: everything typed is stored. */
  private async beforeClose(): Promise<boolean> {
    if (!this.current || !this.autosaver.dirty) return true;
    try {
      await this.autosaver.flush();
      return true;
    } catch (e) {
      confirmDialog(
        "Close without saving?",
        `“${this.current.headline}” has changes that could not be saved: ${toAppError(e).message}`,
        "Close without saving",
        () => this.platform.destroyWindow(),
      );
      return false;
    }
  }
}
