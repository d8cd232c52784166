import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { debounce } from "./debounce";

describe("debounce", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs once, after the last call has been quiet long enough", () => {
    const work = vi.fn();
    const later = debounce(work, 250);
    later();
    vi.advanceTimersByTime(200);
    later();
    vi.advanceTimersByTime(200);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it("can be called off", () => {
    const work = vi.fn();
    const later = debounce(work, 100);
    later();
    later.cancel();
    vi.advanceTimersByTime(500);
    expect(work).not.toHaveBeenCalled();
  });
});
