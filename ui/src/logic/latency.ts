// Keystroke-to-preview timings: kept in batches and reported as percentiles,
// so the log gets two lines per twenty edits rather than one per keystroke.

/** The value at quantile `q` (0..1) of `values`; 0 for none. */
export function percentile(values: readonly number[], q: number): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
}

export class LatencySamples {
  private readonly samples: number[] = [];
  private readonly report: (name: string, ms: number) => void;
  private readonly batch: number;

  constructor(report: (name: string, ms: number) => void, batch = 20) {
    this.report = report;
    this.batch = batch;
  }

  add(ms: number): void {
    this.samples.push(ms);
    if (this.samples.length >= this.batch) {
      this.report("keystroke_to_preview_p50", percentile(this.samples, 0.5));
      this.report("keystroke_to_preview_p95", percentile(this.samples, 0.95));
      this.samples.length = 0;
    }
  }
}
