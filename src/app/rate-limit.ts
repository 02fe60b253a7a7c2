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
    // Keys come from the outside (addresses, e-mails): forget those whose window has passed, so the map cannot grow without end.
    if (this.hits.size > this.sweepAt) this.sweep(nowMs);
  }

  /** How many keys are remembered (those with a failure still in the window, give or take one sweep). */
  get size(): number {
    return this.hits.size;
  }

  private sweepAt = 1024;

  private sweep(nowMs: number): void {
    for (const [key, times] of this.hits) if ((times.at(-1) ?? 0) <= nowMs - this.windowMs) this.hits.delete(key);
    // Sweep again only once the live keys have doubled: each sweep's cost is paid for by as many new keys.
    this.sweepAt = Math.max(1024, this.hits.size * 2);
  }

  clear(key: string): void {
    this.hits.delete(key);
  }

  private recent(key: string, nowMs: number): number[] {
    return (this.hits.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
  }
}
