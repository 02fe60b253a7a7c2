/**
 * Counts failures per key in a sliding window. In memory, per process: with
 * several app processes each keeps its own count (docs/scaling.md).
 */
export class FailureLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until the key may try again, or 0 when it may now. */
  retryAfter(key: string, nowMs: number): number {
    const recent = this.recent(key, nowMs);
    if (recent.length < this.max) return 0;
    return (recent[0] ?? nowMs) + this.windowMs - nowMs;
  }

  fail(key: string, nowMs: number): void {
    const recent = this.recent(key, nowMs);
    recent.push(nowMs);
    this.hits.set(key, recent);
  }

  clear(key: string): void {
    this.hits.delete(key);
  }

  private recent(key: string, nowMs: number): number[] {
    return (this.hits.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
  }
}
