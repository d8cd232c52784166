import { describe, expect, it, vi } from "vitest";
import { PreviewScheduler } from "./preview-scheduler";

interface Doc {
  text: string;
}

/** A render the test finishes by hand, to play out what arrives when. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(open: { doc: Doc | null }, shown = true) {
  const renders: { subject: Doc; text: string; done: ReturnType<typeof deferred<string>> }[] = [];
  const showed: string[] = [];
  const measured: number[] = [];
  const failed: unknown[] = [];
  let clock = 1000;
  const scheduler = new PreviewScheduler<Doc, string>({
    current: () => open.doc,
    render: (subject) => {
      const done = deferred<string>();
      renders.push({ subject, text: subject.text, done });
      return done.promise;
    },
    show: (result) => {
      showed.push(result);
      return Promise.resolve(shown);
    },
    measured: (ms) => measured.push(ms),
    failed: (e) => failed.push(e),
    now: () => clock,
  });
  const tick = (ms: number) => (clock += ms);
  return { scheduler, renders, showed, measured, failed, tick };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("preview scheduling", () => {
  it("renders at once, then makes one render of the latest text for every change meanwhile", async () => {
    const open = { doc: { text: "a" } as Doc | null };
    const { scheduler, renders, showed } = setup(open);
    scheduler.request();
    expect(renders).toHaveLength(1);
    for (const text of ["ab", "abc", "abcd"]) {
      if (open.doc) open.doc.text = text;
      scheduler.request();
    }
    expect(renders).toHaveLength(1);
    expect(scheduler.busy).toBe(true);
    renders[0]?.done.resolve("<p>a</p>");
    await flush();
    expect(renders).toHaveLength(2);
    expect(renders[1]?.text).toBe("abcd");
    renders[1]?.done.resolve("<p>abcd</p>");
    await flush();
    expect(showed).toEqual(["<p>a</p>", "<p>abcd</p>"]);
    expect(renders).toHaveLength(2);
    expect(scheduler.busy).toBe(false);
  });

  it("drops a result for a story that is no longer open, and renders the one that is", async () => {
    const first: Doc = { text: "first" };
    const second: Doc = { text: "second" };
    const open = { doc: first as Doc | null };
    const { scheduler, renders, showed } = setup(open);
    scheduler.request();
    open.doc = second;
    scheduler.restart();
    renders[0]?.done.resolve("<p>first</p>");
    await flush();
    expect(showed).toEqual([]);
    expect(renders[1]?.subject).toBe(second);
    renders[1]?.done.resolve("<p>second</p>");
    await flush();
    expect(showed).toEqual(["<p>second</p>"]);
  });

  it("renders nothing when no story is open", () => {
    const { scheduler, renders } = setup({ doc: null });
    scheduler.request();
    expect(renders).toHaveLength(0);
  });

  it("times from the first change not yet on screen, once per page shown", async () => {
    const open = { doc: { text: "a" } as Doc | null };
    const { scheduler, renders, measured, tick } = setup(open);
    scheduler.request();
    tick(10);
    // Two changes while the first render is in flight: the next render covers
    // both, and is timed from the earlier.
    scheduler.request();
    tick(10);
    scheduler.request();
    tick(10);
    renders[0]?.done.resolve("a");
    await flush();
    expect(measured).toEqual([30]);
    tick(5);
    renders[1]?.done.resolve("b");
    await flush();
    expect(measured).toEqual([30, 25]);
    expect(renders).toHaveLength(2);
  });

  it("times a new story from when it was opened, not from an older change", async () => {
    const open = { doc: { text: "a" } as Doc | null };
    const { scheduler, renders, measured, tick } = setup(open);
    scheduler.request();
    tick(50);
    scheduler.request();
    tick(50);
    open.doc = { text: "other" };
    scheduler.restart();
    tick(10);
    renders[0]?.done.resolve("dropped");
    await flush();
    tick(10);
    renders[1]?.done.resolve("other");
    await flush();
    expect(measured).toEqual([20]);
  });

  it("does not time a render whose page was not shown (the preview is hidden)", async () => {
    const { scheduler, renders, measured, showed } = setup({ doc: { text: "a" } }, false);
    scheduler.restart();
    renders[0]?.done.resolve("a");
    await flush();
    expect(showed).toEqual(["a"]);
    expect(measured).toEqual([]);
  });

  it("reports a failed render and carries on with the next change", async () => {
    const open = { doc: { text: "a" } as Doc | null };
    const { scheduler, renders, failed, showed } = setup(open);
    scheduler.request();
    scheduler.request();
    renders[0]?.done.reject(new Error("boom"));
    await flush();
    expect(failed).toHaveLength(1);
    expect(renders).toHaveLength(2);
    renders[1]?.done.resolve("ok");
    await flush();
    expect(showed).toEqual(["ok"]);
  });

  it("uses the page clock by default", () => {
    const now = vi.spyOn(performance, "now");
    const scheduler = new PreviewScheduler<Doc, string>({
      current: () => null,
      render: () => Promise.resolve(""),
      show: () => Promise.resolve(true),
      measured: () => undefined,
      failed: () => undefined,
    });
    scheduler.request();
    expect(now).toHaveBeenCalled();
    now.mockRestore();
  });
});
