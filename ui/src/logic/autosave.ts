// Autosave: one save at a time, at most `delayMs` after the last change, and
// never a lost edit. A save made while typing goes on carries the new version
// forward and saves again; a conflict stops autosaving until the reporter
// chooses what to keep.
import type { AppError } from "../bindings/AppError";
import type { Story } from "../bindings/Story";

export type SaveState =
  | { kind: "saved"; at: Date }
  | { kind: "unsaved" }
  | { kind: "saving" }
  | { kind: "conflict"; message: string }
  | { kind: "error"; message: string };

export interface AutosaverOptions {
  /** The story as it is now in the window. */
  current: () => Story | null;
  save: (story: Story, explicit: boolean) => Promise<Story>;
  /** Called with the stored story after each save; `newerEdits` when the
   * window changed it meanwhile (take the version, keep the text). */
  saved: (stored: Story, newerEdits: boolean) => void;
  state: (state: SaveState) => void;
  delayMs?: number;
  toAppError: (e: unknown) => AppError;
}

export class Autosaver {
  private readonly opts: AutosaverOptions;
  private readonly delayMs: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  /** Bumped by every change; a save knows which change it covered. */
  private generation = 0;
  private savedGeneration = 0;
  private blocked = false;
  private wantExplicit = false;

  constructor(opts: AutosaverOptions) {
    this.opts = opts;
    this.delayMs = opts.delayMs ?? 600;
  }

  get dirty(): boolean {
    return this.generation !== this.savedGeneration;
  }

  get conflicted(): boolean {
    return this.blocked;
  }

  /** The story changed in the window. */
  touch(): void {
    this.generation++;
    if (this.blocked) return;
    this.opts.state({ kind: "unsaved" });
    this.schedule();
  }

  /** A different story is open: forget the previous one's pending state. */
  reset(): void {
    this.cancelTimer();
    this.generation = 0;
    this.savedGeneration = 0;
    this.blocked = false;
    this.wantExplicit = false;
  }

  /** Saves now (explicit = keep a revision even without changes). Resolves
   * when everything typed so far is stored, or rejects with the reason. */
  async flush(explicit = false): Promise<void> {
    this.cancelTimer();
    if (explicit) this.wantExplicit = true;
    while (this.running) await this.running;
    if (this.blocked) throw new Error("the story has a conflict to resolve first");
    if (!this.dirty && !this.wantExplicit) return;
    await this.run();
  }

  /** After a conflict: the window now holds what the reporter chose, at the
   * library's version; autosave resumes. */
  resolved(pendingEdits: boolean): void {
    this.blocked = false;
    if (pendingEdits) {
      this.touch();
    } else {
      this.savedGeneration = this.generation;
      this.opts.state({ kind: "saved", at: new Date() });
    }
  }

  private schedule(): void {
    this.cancelTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => {
        // The state callback has already shown why; the edit stays in the window.
      });
    }, this.delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private run(): Promise<void> {
    const story = this.opts.current();
    if (!story) return Promise.resolve();
    const generation = this.generation;
    const explicit = this.wantExplicit;
    this.wantExplicit = false;
    this.opts.state({ kind: "saving" });
    const snapshot = structuredClone(story);
    const task = this.opts.save(snapshot, explicit).then(
      (stored) => {
        const newer = this.generation !== generation;
        this.savedGeneration = generation;
        this.opts.saved(stored, newer);
        if (newer) {
          this.opts.state({ kind: "unsaved" });
          this.schedule();
        } else {
          this.opts.state({ kind: "saved", at: new Date() });
        }
      },
      (e: unknown) => {
        const err = this.opts.toAppError(e);
        const reason = new Error(err.message);
        if (explicit) this.wantExplicit = true;
        // `kind` is the generated ErrorKind union: a misspelt kind would not compile.
        if (err.kind === "stale") {
          this.blocked = true;
          this.opts.state({ kind: "conflict", message: err.message });
        } else {
          this.opts.state({ kind: "error", message: err.message });
        }
        throw reason;
      },
    );
    this.running = task.finally(() => {
      this.running = null;
    }).catch(() => undefined);
    return task;
  }
}
