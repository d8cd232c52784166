// When the preview is rendered: at once when nothing is rendering, and while
// a render is in flight, any number of changes make exactly one more render,
// of the story as it is by then. So renders never pile up behind a fast
// typist, results arrive in the order they were asked for, and a result for
// a story that is no longer open is dropped. It also times each change from
// the first keystroke to the page on screen.

export interface PreviewSchedulerOptions<S, R> {
  /** What is open now (the story being edited), or null. */
  current: () => S | null;
  render: (subject: S) => Promise<R>;
  /** Shows a result for the subject still open; resolves true when the page
   * itself went on screen (false when only the figures were updated). */
  show: (result: R, subject: S) => Promise<boolean>;
  /** The time from the first change a render covered to its page on screen. */
  measured: (ms: number) => void;
  failed: (error: unknown) => void;
  now?: () => number;
}

export class PreviewScheduler<S, R> {
  private readonly opts: PreviewSchedulerOptions<S, R>;
  private readonly now: () => number;
  private rendering = false;
  private again = false;
  /** When the first change not yet on screen was made (0: none waiting). */
  private since = 0;

  constructor(opts: PreviewSchedulerOptions<S, R>) {
    this.opts = opts;
    this.now = opts.now ?? (() => performance.now());
  }

  /** Whether a render is in flight. */
  get busy(): boolean {
    return this.rendering;
  }

  /** Something changed: render, timing from the earliest change not yet shown. */
  request(): void {
    if (this.since === 0) this.since = this.now();
    this.schedule();
  }

  /** A new page to show (another story, the preview turned on): render,
   * timing from now rather than from an earlier change. */
  restart(): void {
    this.since = this.now();
    this.schedule();
  }

  private schedule(): void {
    if (this.rendering) {
      this.again = true;
      return;
    }
    void this.run();
  }

  private async run(): Promise<void> {
    const subject = this.opts.current();
    if (subject === null) return;
    this.rendering = true;
    const since = this.since;
    this.since = 0;
    try {
      const result = await this.opts.render(subject);
      if (this.opts.current() === subject) {
        const onScreen = await this.opts.show(result, subject);
        if (onScreen && since > 0) this.opts.measured(this.now() - since);
      }
    } catch (e) {
      this.opts.failed(e);
    } finally {
      this.rendering = false;
    }
    if (this.again) {
      this.again = false;
      void this.run();
    }
  }
}
