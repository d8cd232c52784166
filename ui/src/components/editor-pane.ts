// The middle pane: the story's status buttons and figures, the messages about
// it (a refused move, what stops it being Ready, a save conflict) and the body
// editor, which is loaded after the library is on screen.
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
  /** The body was edited. */
  bodyChanged: (text: string) => void;
}

export interface EditorPane {
  element: HTMLElement;
  /** Loads CodeMirror (a separate chunk) once, and mounts it. */
  loadEditor(): Promise<BodyEditor>;
  /** Shows `text` in the editor as a new document (now, or once it is loaded). */
  setBody(text: string): void;
  /** The body's selection, or null when nothing is selected (or no editor yet). */
  selection(): { from: number; to: number } | null;
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
  const host = h("div", { class: "cm-host" });
  const element = h(
    "section",
    { class: "editor-pane", attrs: { "aria-label": "Story body" } },
    h(
      "div",
      { class: "story-bar" },
      statusButtons,
      counts,
      h("button", { class: "link danger", text: "Delete…", title: "Delete this story", attrs: { "data-testid": "delete-story" }, on: { click: () => cb.deleteStory() } }),
    ),
    statusMessage,
    blockers,
    conflict,
    host,
  );

  let editor: BodyEditor | null = null;
  let loading: Promise<BodyEditor> | null = null;
  let body = "";

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
        editor = createEditor(host, cb.bodyChanged);
        editor.load(body);
        return editor;
      });
      return loading;
    },
    setBody(text) {
      body = text;
      editor?.load(text);
    },
    selection: () => editor?.selection() ?? null,
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
    clear() {
      this.setBody("");
      counts.textContent = "";
      replaceChildren(statusButtons);
      clearMessage();
      blockers.textContent = "";
      conflict.hidden = true;
    },
  };
}
