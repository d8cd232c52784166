// The keyboard shortcuts, in one table: the handler and the help overlay both
// read it, so the help can never list a key that does nothing.

/** Everything the window can be asked to do, by a key or a button. Each has
 * one handler (see commands/index.ts); not every one has a key. */
export type Command =
  | "new"
  | "save"
  | "find"
  | "preview"
  | "export"
  | "help"
  | "import"
  | "paste"
  | "revisions"
  | "delete"
  | "send"
  | "receive"
  | "suggest"
  | "comment"
  | "compare"
  | "whoami"
  | "push"
  | "outbox"
  | "targets"
  | "go-library"
  | "go-body"
  | "go-preview"
  | "go-details";

export interface Shortcut {
  keys: string;
  what: string;
  command: Command;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: "Ctrl+N", what: "New story", command: "new" },
  { keys: "Ctrl+S", what: "Save now and keep a revision", command: "save" },
  { keys: "Ctrl+K", what: "Find in the library", command: "find" },
  { keys: "Ctrl+F", what: "Find in the library (in the body: find in the text)", command: "find" },
  { keys: "Ctrl+P", what: "Show or hide the preview", command: "preview" },
  { keys: "Ctrl+E", what: "Export", command: "export" },
  { keys: "Ctrl+O", what: "Import files", command: "import" },
  { keys: "Ctrl+Shift+H", what: "Revisions of the story", command: "revisions" },
  { keys: "Ctrl+Shift+S", what: "Send the story for review (or return it to the reporter)", command: "send" },
  { keys: "Ctrl+Shift+O", what: "Open a review package", command: "receive" },
  { keys: "Ctrl+Shift+E", what: "Suggest changes on or off", command: "suggest" },
  { keys: "Ctrl+Alt+M", what: "Comment on the selected words", command: "comment" },
  { keys: "Ctrl+Shift+P", what: "Send to the CMS (the story, or the stories ticked)", command: "push" },
  { keys: "Alt+1", what: "Go to the library", command: "go-library" },
  { keys: "Alt+2", what: "Go to the story body", command: "go-body" },
  { keys: "Alt+3", what: "Go to the preview", command: "go-preview" },
  { keys: "Alt+4", what: "Go to the story details", command: "go-details" },
  { keys: "F1 or ?", what: "This help", command: "help" },
];

/** The body editor's own keys (CodeMirror's), for the help. Tab is not one
 * of them: it moves the keyboard on, as everywhere else in the window. */
export const EDITOR_KEYS: readonly { keys: string; what: string }[] = [
  { keys: "Tab / Shift+Tab", what: "Leave the editor for the next or previous control (Tab never changes the text)" },
  { keys: "Ctrl+]", what: "Indent the line" },
  { keys: "Ctrl+[", what: "Outdent the line" },
  { keys: "Ctrl+F", what: "Find and replace in the text" },
  { keys: "Ctrl+Z", what: "Undo" },
  { keys: "Ctrl+Shift+Z or Ctrl+Y", what: "Redo" },
];

/** Alt+1…4: the panes, left to right. */
const PANES: Partial<Record<string, Command>> = { "1": "go-library", "2": "go-body", "3": "go-preview", "4": "go-details" };

export interface KeyLike {
  key: string;
  /** The physical key ("Digit1"), where the platform says. */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * The command a key press asks for. `inText` is true when the focus is in a
 * text field (there "?" is a character, not help); `inBody` when it is in the
 * body editor (there Ctrl+F belongs to the editor's own find).
 */
export function commandFor(e: KeyLike, inText: boolean, inBody: boolean): Command | null {
  if (e.key === "F1") return "help";
  const mod = e.ctrlKey || e.metaKey;
  if (!mod && e.altKey && !e.shiftKey) {
    // Alt+digit may type another character on some layouts: read the key's place.
    const digit = e.code?.startsWith("Digit") ? e.code.slice(5) : e.key;
    return PANES[digit] ?? null;
  }
  if (!mod) return !inText && !e.altKey && e.key === "?" ? "help" : null;
  const key = e.key.toLowerCase();
  if (e.altKey) return !e.shiftKey && key === "m" ? "comment" : null;
  if (e.shiftKey) {
    const shifted: Partial<Record<string, Command>> = { h: "revisions", s: "send", o: "receive", e: "suggest", p: "push" };
    return shifted[key] ?? null;
  }
  switch (key) {
    case "n":
      return "new";
    case "s":
      return "save";
    case "k":
      return "find";
    case "f":
      return inBody ? null : "find";
    case "p":
      return "preview";
    case "e":
      return "export";
    case "o":
      return "import";
    default:
      return null;
  }
}
