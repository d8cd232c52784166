// Every command the window runs, one handler each, in a record keyed by the
// Command union: a command without a handler, or a handler for a command that
// does not exist, fails to compile. Keys and buttons both come through here.
// Each group lives in its own file and reaches the window only through Desk.
import type { Api } from "../api";
import type { Person } from "../bindings/Person";
import type { Story } from "../bindings/Story";
import type { StoryId } from "../bindings/StoryId";
import type { LibraryPane } from "../components/library";
import type { Command } from "../logic/shortcuts";
import { cmsCommands } from "./cms";
import { fileCommands } from "./files";
import { reviewCommands } from "./review";
import { storyCommands } from "./story";
import { viewCommands } from "./view";

export type Handler = () => void;

/** The window's panes, left to right, that a key moves the keyboard to. */
export type Pane = "library" | "body" | "preview" | "details";

/** Handlers for some of the commands: what each group provides. */
export type CommandGroup<K extends Command> = Record<K, Handler>;

/** What the commands may see and do in the window (the App provides it). */
export interface Desk {
  readonly api: Api;
  readonly library: Pick<LibraryPane, "refresh" | "setActive" | "focusSearch" | "setQuery" | "headline">;
  /** The open story (the object the editor and panels change), or null. */
  story(): Story | null;
  /** Stories ticked in the library. */
  ticked(): StoryId[];
  /** Saves what is typed; false (with the reason shown) when it cannot be. */
  settle(): Promise<boolean>;
  /** Saves now and keeps a revision, even without changes. */
  keepRevision(): Promise<void>;
  /** Opens a story in the editor and panels. */
  show(story: Story): void;
  /** The open story is gone (deleted): back to an empty desk. */
  closeStory(): void;
  /** Pictures were attached to the open story from outside the panels. */
  mediaAdded(): void;
  /** Reads the library's sections and counts again (stories came in). */
  reloadInfo(): Promise<void>;
  focusHeadline(): void;
  previewShown(): boolean;
  setPreviewShown(shown: boolean): void;
  /** Who signs comments and suggestions (null until the core has said). */
  person(): Person | null;
  setPerson(person: Person): void;
  /** Suggest mode on or off. */
  toggleSuggesting(): void;
  /** Opens the box for a comment on the last words selected. */
  startComment(): void;
  /** Moves the keyboard to a pane (showing the preview if it was hidden). */
  focusPane(pane: Pane): void;
  /** Stories went to a site, or left the outbox: the library, the outbox
   * count, the open story's status and where it went are read again. */
  storiesSent(ids: StoryId[]): Promise<void>;
}

export function createCommands(desk: Desk): Record<Command, Handler> {
  return {
    ...storyCommands(desk),
    ...fileCommands(desk),
    ...viewCommands(desk),
    ...reviewCommands(desk),
    ...cmsCommands(desk),
  };
}
