// Typed calls into the Rust commands (src-tauri/src/commands.rs). Every
// failure arrives as an AppError {kind, message}, its kind one of the
// generated ErrorKind union; anything else is turned into one so the UI has a
// single shape to show.
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { AddedPictures } from "./bindings/AddedPictures";
import type { AppError } from "./bindings/AppError";
import type { BatchExportDone } from "./bindings/BatchExportDone";
import type { Decision } from "./bindings/Decision";
import type { Destination } from "./bindings/Destination";
import type { ErrorKind } from "./bindings/ErrorKind";
import type { ExportDone } from "./bindings/ExportDone";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { ExportProgress } from "./bindings/ExportProgress";
import type { ImportReport } from "./bindings/ImportReport";
import type { LibraryInfo } from "./bindings/LibraryInfo";
import type { OnConflict } from "./bindings/OnConflict";
import type { OutboxEntry } from "./bindings/OutboxEntry";
import type { Person } from "./bindings/Person";
import type { Preview } from "./bindings/Preview";
import type { PushOutcome } from "./bindings/PushOutcome";
import type { PushProgress } from "./bindings/PushProgress";
import type { Received } from "./bindings/Received";
import type { ReviewDiff } from "./bindings/ReviewDiff";
import type { RevisionInfo } from "./bindings/RevisionInfo";
import type { SearchHit } from "./bindings/SearchHit";
import type { SentPackage } from "./bindings/SentPackage";
import type { Session } from "./bindings/Session";
import type { SiteCheck } from "./bindings/SiteCheck";
import type { Status } from "./bindings/Status";
import type { StatusChange } from "./bindings/StatusChange";
import type { Story } from "./bindings/Story";
import type { StoryId } from "./bindings/StoryId";
import type { StorySummary } from "./bindings/StorySummary";
import type { SuggestionTarget } from "./bindings/SuggestionTarget";
import type { Target } from "./bindings/Target";
import type { TargetInput } from "./bindings/TargetInput";
import type { TargetSaved } from "./bindings/TargetSaved";

/** Every kind of error the edge sends. A `Record` over the generated union,
 * so a kind added in Rust fails to compile here until it is listed. */
const ERROR_KINDS: Record<ErrorKind, true> = {
  not_found: true,
  stale: true,
  invalid: true,
  corrupt: true,
  newer_schema: true,
  read_only: true,
  io: true,
  internal: true,
  not_a_package: true,
};

export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === "string" && Object.hasOwn(ERROR_KINDS, value);
}

export function isAppError(value: unknown): value is AppError {
  return (
    typeof value === "object" &&
    value !== null &&
    isErrorKind((value as Record<string, unknown>).kind) &&
    typeof (value as Record<string, unknown>).message === "string"
  );
}

/** A failed command as a throwable Error that still reads as an AppError. */
export class CommandError extends Error implements AppError {
  readonly kind: ErrorKind;
  constructor(error: AppError) {
    super(error.message);
    this.name = "CommandError";
    this.kind = error.kind;
  }
}

/** Any thrown value as an AppError: what is not one is a fault of our own. */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) return { kind: value.kind, message: value.message };
  if (value instanceof Error) return { kind: "internal", message: value.message };
  const message = typeof value === "object" && value !== null ? (value as Record<string, unknown>).message : undefined;
  return { kind: "internal", message: typeof message === "string" ? message : String(value) };
}

/** The event the background sender emits when queued pushes went out
 * (src-tauri/src/cms.rs, `OUTBOX_EVENT`); its payload is their outcomes. */
export const OUTBOX_CHANGED = "outbox-changed";
/** Said by the app when another launch hands files over (src-tauri open.rs). */
export const FILES_OPENED = "files-opened";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw new CommandError(toAppError(e));
  }
}

export const api = {
  libraryInfo: () => call<LibraryInfo>("library_info"),
  listStories: (status: Status | null, section: string | null, limit: number) =>
    call<StorySummary[]>("list_stories", { status, section, limit }),
  search: (query: string, limit: number) => call<SearchHit[]>("search_stories", { query, limit }),
  createStory: (headline: string) => call<Story>("create_story", { headline }),
  getStory: (id: StoryId) => call<Story>("get_story", { id }),
  saveStory: (story: Story, explicit: boolean) => call<Story>("save_story", { story, explicit }),
  setStatus: (id: StoryId, status: Status, expectedVersion: number) =>
    call<Story>("set_status", { id, status, expectedVersion }),
  deleteStory: (id: StoryId) => call<null>("delete_story", { id }),
  statusHistory: (id: StoryId) => call<StatusChange[]>("status_history", { id }),
  listRevisions: (id: StoryId) => call<RevisionInfo[]>("list_revisions", { id }),
  getRevision: (revision: number) => call<Story>("get_revision", { revision }),
  restoreRevision: (revision: number, expectedVersion: number) =>
    call<Story>("restore_revision", { revision, expectedVersion }),
  checkLink: (field: string, url: string) => call<null>("check_link", { field, url }),
  readyBlockers: (story: Story) => call<string[]>("ready_blockers", { story }),
  /** `applySuggestions`: the page as it would be with every suggestion accepted. */
  renderPreview: (story: Story, applySuggestions = false) => call<Preview>("render_preview", { story, applySuggestions }),
  importText: (text: string) => call<Story>("import_text", { text }),
  importFiles: (paths: string[] | null) => call<ImportReport>("import_files", { paths }),
  addPictures: (paths: string[] | null) => call<AddedPictures>("add_pictures", { paths }),
  exportStory: (id: StoryId, format: ExportFormat) =>
    call<ExportDone | null>("export_story", { id, format }),
  exportStories: (ids: StoryId[], format: ExportFormat, onProgress: (p: ExportProgress) => void) => {
    const channel = new Channel<ExportProgress>();
    channel.onmessage = onProgress;
    return call<BatchExportDone | null>("export_stories", { ids, format, onProgress: channel });
  },
  revealFile: (path: string) => call<null>("reveal_file", { path }),
  getSession: () => call<Session>("get_session"),
  setSession: (session: Session) => call<null>("set_session", { session }),
  reportTiming: (name: string, ms: number) => call<null>("report_timing", { name, ms }),
  uiReady: () => call<null>("ui_ready"),
  // ---- review ----
  /** Who signs comments and suggestions (`chosen`: set by the person). */
  whoami: () => call<Person>("whoami"),
  setWhoami: (name: string, initials: string | null) => call<Person>("set_whoami", { name, initials }),
  /** "Send for review…" or "Return to reporter…" (Rust decides which): writes
   * a package where the person chooses; null when they cancel. */
  sendStory: (id: StoryId) => call<SentPackage | null>("send_story", { id }),
  /** Takes in packages: the paths given, or chosen in a dialog (null). */
  receivePackages: (paths: string[] | null) => call<Received[]>("receive_packages", { paths }),
  decideSuggestion: (id: StoryId, expectedVersion: number, target: SuggestionTarget, decision: Decision) =>
    call<Story>("decide_suggestion", { id, expectedVersion, target, decision }),
  decideAllSuggestions: (id: StoryId, expectedVersion: number, decision: Decision) =>
    call<Story>("decide_all_suggestions", { id, expectedVersion, decision }),
  /** What changed between two revisions (null: as sent/received for review;
   * the first revision when there is none) and another (null: now). */
  diffStory: (id: StoryId, from: number | null, to: number | null) => call<ReviewDiff>("diff_story", { id, from, to }),
  // ---- send to the CMS ----
  /** The sites stories are sent to, by name. */
  listTargets: () => call<Target[]>("list_targets"),
  /** Saves a target and keeps its secret; `no_keyring`: nothing was saved. */
  addTarget: (input: TargetInput) => call<TargetSaved>("add_target", { input }),
  /** Gives a target its secret again (a session's secret is gone after a restart). */
  setTargetSecret: (name: string, secret: string, sessionOnly: boolean) =>
    call<TargetSaved>("set_target_secret", { name, secret, sessionOnly }),
  removeTarget: (name: string) => call<null>("remove_target", { name }),
  /** Names sections (→ categories, or Ghost tags) and tags as the site knows
   * them; an empty name leaves that section or tag out of posts. */
  setTargetMapping: (name: string, categories: Record<string, string>, tags: Record<string, string>) =>
    call<Target>("set_target_mapping", { name, categories, tags }),
  /** "Test connection" on the form, before anything is saved. */
  testConnection: (input: TargetInput) => call<SiteCheck>("test_connection", { input }),
  /** "Test" on a saved target. */
  testTarget: (name: string) => call<SiteCheck>("test_target", { name }),
  /** Sends the stories to a target (its name), one after another. */
  pushStories: (ids: StoryId[], target: string, onConflict: OnConflict, onProgress: (p: PushProgress) => void) => {
    const channel = new Channel<PushProgress>();
    channel.onmessage = onProgress;
    return call<PushOutcome[]>("push_stories", { ids, target, onConflict, onProgress: channel });
  },
  /** The pushes waiting for their site. */
  outbox: () => call<OutboxEntry[]>("outbox"),
  /** "Send now": every queued push, whatever its next try's time. */
  sendOutbox: (onProgress: (p: PushProgress) => void) => {
    const channel = new Channel<PushProgress>();
    channel.onmessage = onProgress;
    return call<PushOutcome[]>("send_outbox", { onProgress: channel });
  },
  /** Takes a push out of the outbox (`target`: its name or id) without sending it. */
  removeFromOutbox: (story: StoryId, target: string) => call<null>("remove_from_outbox", { story, target }),
  /** Where a story went: each site and its post. */
  destinations: (id: StoryId) => call<Destination[]>("destinations", { id }),
  /** Opens a web address in the system's browser (the opener plugin). */
  /** A post's address, in the system's browser (web addresses only). */
  openUrl: (url: string) => call<null>("open_post", { url }),
  /** Hears the background sender: queued pushes went out. Resolves to the
   * function that stops listening. */
  onOutboxChanged: (heard: (outcomes: PushOutcome[]) => void): Promise<() => void> =>
    listen<PushOutcome[]>(OUTBOX_CHANGED, (event) => heard(event.payload)),
  // ---- files the app was asked to open ----
  /** The stories and packages named when Dateline was started (or handed over
   * by another launch) that the window has not taken yet; each is given once. */
  openedFiles: () => call<string[]>("opened_files"),
  /** Hears another launch hand files over. Resolves to the function that
   * stops listening. */
  onFilesOpened: (heard: () => void): Promise<() => void> => listen(FILES_OPENED, () => heard()),
};

export type Api = typeof api;
