// The middle pane: the story's status buttons, the "Suggest changes" toggle
// and figures, the messages about it (a refused move, what stops it being
// Ready, a save conflict, the conflicts a merge left) and the body editor,
// which is loaded after the library is on screen.
import type { Note } from "../bindings/Note";
import type { Status } from "../bindings/Status";
import type { SaveState } from "../logic/autosave";
import { plural, readingText, STATUSES, statusLabel } from "../logic/format";
import { h, replaceChildren } from "./dom";
import type { BodyEditor } from "./editor";

export interface EditorPaneCallbacks {
  /** The reporter asked to move the story to `to`. */
  move: (to: Status) => void;
  /** The reporter chose how to end a conflict. */
  resolveConflict: (keepMine: boolean) => void;
  deleteStory: () => void;
  /** "Send to CMS…" for this story. */
  push?: () => void;
  /** The body was edited. */
  bodyChanged: (text: string) => void;
  /** Words were selected in the body (true), or let go (false). */
  bodySelected?: (some: boolean) => void;
  /** Highlighted words of a comment were clicked. */
  commentClicked?: (id: string) => void;
  /** The "Suggest changes" toggle was pressed. */
  toggleSuggesting?: () => void;
  /** The merge-conflict banner's button was pressed. */
  showSuggestions?: () => void;
}

export interface EditorPane {
  element: HTMLElement;
  /** Loads CodeMirror (a separate chunk) once, and mounts it. */
  loadEditor(): Promise<BodyEditor>;
  /** Shows `text` in the editor as a new document (now, or once it is
   * loaded); `keepScroll` for the same story reloaded. */
  setBody(text: string, keepScroll?: boolean): void;
  /** The body's text as the editor holds it. */
  bodyText(): string;
  /** The body's selection, or null when nothing is selected (or no editor yet). */
  selection(): { from: number; to: number } | null;
  /** The last words selected in the body (see BodyEditor.lastSelection). */
  lastSelection(): { from: number; to: number } | null;
  forgetSelection(): void;
  /** Suggest mode on (signed by `author`) or off (null). */
  setSuggesting(author: string | null): void;
  /** Highlights the story's open body comments. */
  setComments(notes: readonly Note[]): void;
  /** Selects `from..to` of the body and scrolls it into view. */
  reveal(from: number, to: number): void;
  /** Where a highlighted comment's words are now. */
  commentRange(id: string): { from: number; to: number } | null;
  /** Shows (count > 0) or hides the banner about conflicts from a merge. */
  showMergeConflicts(count: number, from: string): void;
  showStatus(current: Status): void;
  setCounts(words: number, readingMinutes: number): void;
  /** Explains a refused status move. */
  showStatusMessage(message: string): void;
  clearStatusMessage(): void;
  setBlockers(blockers: string[]): void;
  /** Shows a save state where it concerns this pane: a conflict banner, or
   * why the story is not saved. */
  showSaveState(state: SaveState): void;
  /** Empties the pane: no story is open. */
  clear(): void;
  /** Puts the keyboard in the body editor; false when it is not loaded yet. */
  focus(): boolean;
}

export function createEditorPane(cb: EditorPaneCallbacks): EditorPane {
  const statusButtons = h("div", { class: "status-buttons", attrs: { role: "group", "aria-label": "Status" } });
  const statusMessage = h("p", { class: "status-message", attrs: { role: "alert", "data-testid": "status-message" } });
  const blockers = h("p", { class: "blockers hint", attrs: { "data-testid": "ready-blockers" } });
  const counts = h("span", { class: "counts", attrs: { "data-testid": "word-count" } });
  const conflictText = h("p");
  const conflict = h(
    "div",
    { class: "conflict", attrs: { role: "alert", "data-testid": "conflict-banner" } },
    conflictText,
    h(
      "div",
      { class: "conflict-actions" },
      h("span", { text: "Your text is still here." }),
      h("button", { text: "Keep mine", title: "Save your text over the other copy", attrs: { "data-testid": "keep-mine" }, on: { click: () => cb.resolveConflict(true) } }),
      h("button", { text: "Load theirs", title: "Discard your changes and load the stored story", attrs: { "data-testid": "load-theirs" }, on: { click: () => cb.resolveConflict(false) } }),
    ),
  );
  conflict.hidden = true;
  const mergeText = h("span");
  const mergeConflicts = h(
    "div",
    { class: "merge-conflicts", attrs: { role: "status", "data-testid": "merge-conflict-banner" } },
    mergeText,
    h("button", { text: "Show conflicts", title: "Open the Suggestions panel", attrs: { "data-testid": "show-conflicts" }, on: { click: () => cb.showSuggestions?.() } }),
  );
  mergeConflicts.hidden = true;
  const suggestToggle = h("button", {
    class: "suggest-toggle",
    text: "Suggest changes",
    title: "Suggest changes instead of making them (Ctrl+Shift+E)",
    attrs: { "aria-pressed": "false", "data-testid": "suggest-mode" },
    on: { click: () => cb.toggleSuggesting?.() },
  });
  const host = h("div", { class: "cm-host" });
  const element = h(
    "section",
    { class: "editor-pane", attrs: { "aria-labelledby": "editor-heading" } },
    h("h2", { id: "editor-heading", class: "sr-only", text: "Story body" }),
    h(
      "div",
      { class: "story-bar" },
      statusButtons,
      suggestToggle,
      counts,
      cb.push &&
        h("button", {
          class: "push-button",
          text: "Send to CMS…",
          title: "Send this story to a WordPress or Ghost site",
          attrs: { "data-testid": "send-to-cms" },
          on: { click: () => cb.push?.() },
        }),
      h("button", { class: "link danger", text: "Delete…", title: "Delete this story", attrs: { "data-testid": "delete-story" }, on: { click: () => cb.deleteStory() } }),
    ),
    statusMessage,
    blockers,
    conflict,
    mergeConflicts,
    host,
  );

  let editor: BodyEditor | null = null;
  let loading: Promise<BodyEditor> | null = null;
  let body = "";
  let suggestAs: string | null = null;
  let notes: readonly Note[] = [];

  /** Empties the status message when it holds a message of `kind`. */
  const clearMessage = (kind?: string) => {
    if (kind !== undefined && statusMessage.dataset.kind !== kind) return;
    statusMessage.textContent = "";
    delete statusMessage.dataset.kind;
  };

  return {
    element,
    loadEditor() {
      loading ??= import("./editor").then(({ createEditor }) => {
        editor = createEditor(host, {
          changed: (text) => {
            body = text;
            cb.bodyChanged(text);
          },
          selected: (some) => cb.bodySelected?.(some),
          commentClicked: (id) => cb.commentClicked?.(id),
        });
        editor.setSuggesting(suggestAs);
        editor.load(body);
        editor.setComments(notes);
        return editor;
      });
      return loading;
    },
    setBody(text, keepScroll = false) {
      body = text;
      editor?.load(text, keepScroll);
    },
    bodyText: () => editor?.text() ?? body,
    selection: () => editor?.selection() ?? null,
    lastSelection: () => editor?.lastSelection() ?? null,
    forgetSelection: () => editor?.forgetSelection(),
    setSuggesting(author) {
      suggestAs = author;
      suggestToggle.setAttribute("aria-pressed", String(author !== null));
      element.classList.toggle("suggesting", author !== null);
      editor?.setSuggesting(author);
    },
    setComments(next) {
      notes = next;
      editor?.setComments(next);
    },
    reveal: (from, to) => editor?.reveal(from, to),
    commentRange: (id) => editor?.commentRange(id) ?? null,
    showMergeConflicts(count, from) {
      mergeConflicts.hidden = count === 0;
      const who = from ? ` from merging ${from}'s return` : "";
      mergeText.textContent = `${count === 1 ? "1 conflict" : `${count} conflicts`}${who}: choose yours or theirs in Suggestions`;
    },
    showStatus(current) {
      replaceChildren(
        statusButtons,
        ...STATUSES.map((status) =>
          h("button", {
            class: `status-button status-${status}${status === current ? " current" : ""}`,
            text: statusLabel(status),
            title: status === current ? "The story's status" : `Move to ${statusLabel(status)}`,
            attrs: { "data-testid": `status-${status}`, "aria-pressed": String(status === current) },
            on: { click: () => cb.move(status) },
          }),
        ),
      );
    },
    setCounts(words, readingMinutes) {
      counts.textContent = `${plural(words, "word")} · ${readingText(readingMinutes)}`;
    },
    showStatusMessage(message) {
      statusMessage.textContent = message;
      statusMessage.dataset.kind = "status";
    },
    clearStatusMessage: () => clearMessage(),
    setBlockers(list) {
      blockers.textContent = list.length ? `Before Ready: ${list.join("; ")}.` : "";
    },
    showSaveState(s) {
      if (s.kind === "saved") conflict.hidden = true;
      if (s.kind === "conflict") {
        conflictText.textContent = `Not saved: ${s.message}.`;
        conflict.hidden = false;
      }
      if (s.kind === "error") {
        statusMessage.textContent = `Not saved: ${s.message}`;
        statusMessage.dataset.kind = "save";
      } else {
        clearMessage("save");
      }
    },
    focus() {
      if (!editor) return false;
      editor.focus();
      return true;
    },
    clear() {
      this.setBody("");
      counts.textContent = "";
      replaceChildren(statusButtons);
      clearMessage();
      blockers.textContent = "";
      conflict.hidden = true;
      mergeConflicts.hidden = true;
      this.setComments([]);
    },
  };
}
