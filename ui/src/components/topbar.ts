// The bar across the top: the window's actions and the save state. Each
// button runs a command, the same one its keyboard shortcut runs.
import type { Person } from "../bindings/Person";
import type { SaveState } from "../logic/autosave";
import { timeOfDay } from "../logic/format";
import type { Command } from "../logic/shortcuts";
import { h, showCount } from "./dom";

export interface Topbar {
  element: HTMLElement;
  /** Shows how the open story stands with the library; null clears it. */
  showSaveState(state: SaveState | null): void;
  /** The number of stories ticked in the library, for the Export button. */
  setTicked(count: number): void;
  /** Who signs comments and suggestions. */
  setPerson(person: Person): void;
  /** "Return to reporter…" for a story received for review, else "Send for review…". */
  setReturning(returning: boolean): void;
  /** The pushes waiting in the outbox: the Outbox button shows while there are some. */
  setOutbox(count: number): void;
}

export function createTopbar(run: (command: Command) => void): Topbar {
  const button = (text: string, title: string, testid: string, command: Command, cls = "") =>
    h("button", { class: cls, text, title, attrs: { "data-testid": testid }, on: { click: () => run(command) } });
  const exportButton = button("Export…", "Export (Ctrl+E)", "export", "export");
  const sendButton = button("Send for review…", "Send this story for review as one file (Ctrl+Shift+S)", "send-for-review", "send");
  // Shown only while pushes wait for their site; beside the other states, so
  // the actions keep to one row when nothing waits.
  const outboxCount = h("span", { class: "count-badge" });
  const outboxButton = h(
    "button",
    { class: "outbox-button", title: "Pushes waiting for their site: open the outbox", attrs: { "data-testid": "outbox-button" }, on: { click: () => run("outbox") } },
    "Outbox",
    outboxCount,
  );
  outboxButton.hidden = true;
  const whoami = h("button", {
    class: "whoami link",
    title: "Who signs your comments and suggestions: click to change",
    attrs: { "data-testid": "whoami" },
    on: { click: () => run("whoami") },
  });
  whoami.hidden = true;
  // Read out as it changes ("Saving…", "Saved", "Not saved: conflict"),
  // without taking the keyboard away.
  const saveState = h("div", { class: "save-state", attrs: { role: "status", "data-testid": "save-state" } });
  // The window's one banner, and its one level-one heading.
  const element = h(
    "header",
    { class: "topbar" },
    h("h1", { class: "brand" }, h("span", { class: "brand-mark", text: "D", attrs: { "aria-hidden": "true" } }), "Dateline"),
    h(
      "div",
      { class: "actions", attrs: { role: "group", "aria-label": "Actions" } },
      button("New story", "New story (Ctrl+N)", "new-story", "new", "primary"),
      button("Import…", "Import .txt or .md files (Ctrl+O)", "import", "import"),
      button("Paste story", "Make a story from pasted text", "paste-story", "paste"),
      exportButton,
      button("Revisions", "Revisions of this story (Ctrl+Shift+H)", "revisions", "revisions"),
      button("Preview", "Show or hide the preview (Ctrl+P)", "toggle-preview", "preview"),
      h("span", { class: "actions-gap" }),
      sendButton,
      button("Open package…", "Open a story package sent for review, or returned (Ctrl+Shift+O)", "open-package", "receive"),
      h("button", {
        class: "icon",
        text: "?",
        title: "Keyboard shortcuts (F1)",
        attrs: { "aria-label": "Keyboard shortcuts", "data-testid": "help" },
        on: { click: () => run("help") },
      }),
    ),
    outboxButton,
    whoami,
    saveState,
  );

  /** Changes the words only when they change: a live region may read out
   * the same words again when they are set again. */
  const say = (text: string) => {
    if (saveState.textContent !== text) saveState.textContent = text;
  };

  return {
    element,
    showSaveState(s) {
      if (s === null) {
        say("");
        delete saveState.dataset.state;
        saveState.removeAttribute("title");
        return;
      }
      saveState.dataset.state = s.kind;
      switch (s.kind) {
        case "saved":
          say("Saved");
          saveState.title = `Saved at ${timeOfDay(s.at)}`;
          break;
        case "unsaved":
          say("Edited");
          saveState.title = "Saved within a second of the last keystroke";
          break;
        case "saving":
          say("Saving…");
          break;
        case "conflict":
          say("Not saved: conflict");
          saveState.title = s.message;
          break;
        case "error":
          say("Not saved");
          saveState.title = s.message;
          break;
      }
    },
    setTicked(count) {
      exportButton.textContent = count > 1 ? `Export ${count}…` : "Export…";
    },
    setPerson(person) {
      whoami.hidden = false;
      whoami.textContent = `Signed as ${person.name}`;
      whoami.setAttribute("aria-label", `Signed as ${person.name}${person.chosen ? "" : " (not chosen yet)"}: change`);
    },
    setOutbox(count) {
      outboxButton.hidden = count === 0;
      showCount(outboxCount, count, (n) => (n === 1 ? "push waiting" : "pushes waiting"));
    },
    setReturning(returning) {
      sendButton.textContent = returning ? "Return to reporter…" : "Send for review…";
      sendButton.title = returning ? "Return this story to the reporter as one file (Ctrl+Shift+S)" : "Send this story for review as one file (Ctrl+Shift+S)";
    },
  };
}
