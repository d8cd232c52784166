import { describe, expect, it } from "vitest";
import { LatencySamples, percentile } from "./latency";

describe("latency", () => {
  it("picks percentiles from unsorted samples", () => {
    expect(percentile([30, 10, 20], 0.5)).toBe(20);
    expect(percentile([5, 1, 4, 2, 3], 0.95)).toBe(5);
    expect(percentile([], 0.5)).toBe(0);
  });

  it("reports p50 and p95 once per batch, then starts again", () => {
    const reports: [string, number][] = [];
    const samples = new LatencySamples((name, ms) => reports.push([name, ms]), 4);
    for (const ms of [40, 10, 30]) samples.add(ms);
    expect(reports).toEqual([]);
    samples.add(20);
    expect(reports).toEqual([
      ["keystroke_to_preview_p50", 30],
      ["keystroke_to_preview_p95", 40],
    ]);
    for (const ms of [1, 2, 3]) samples.add(ms);
    expect(reports).toHaveLength(2);
  });
});
