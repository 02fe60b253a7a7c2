/** The in-memory failure counts behind every rate limit: counted per key in a window, and forgotten after it. */
import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../src/app/rate-limit.ts';

const MINUTE = 60_000;

describe('FailureLimiter', () => {
  it('refuses a key after max failures in the window, says how long to wait, and lets it in again after', () => {
    const l = new FailureLimiter(3, 15 * MINUTE);
    for (let i = 0; i < 3; i++) l.fail('192.0.2.1', i * MINUTE);
    expect(l.retryAfter('192.0.2.1', 3 * MINUTE)).toBe(12 * MINUTE);
    expect(l.retryAfter('192.0.2.2', 3 * MINUTE)).toBe(0);
    expect(l.retryAfter('192.0.2.1', 15 * MINUTE + 1)).toBe(0);
  });

  it('forgets keys whose window has passed, so e-mails and addresses sent from outside cannot fill memory', () => {
    const l = new FailureLimiter(3, 15 * MINUTE);
    for (let i = 0; i < 50_000; i++) l.fail(`someone-${i}@example.com`, 0);
    expect(l.size).toBe(50_000);
    // An hour later new keys keep coming, and the old ones are swept out on the way (a sweep once the keys have doubled).
    for (let i = 0; i < 20_000; i++) l.fail(`later-${i}@example.com`, 60 * MINUTE);
    expect(l.size).toBe(20_000);
    // A key still in its window keeps its count through a sweep.
    for (let i = 0; i < 3; i++) l.fail('busy@example.com', 60 * MINUTE);
    for (let i = 0; i < 5_000; i++) l.fail(`more-${i}@example.com`, 61 * MINUTE);
    expect(l.retryAfter('busy@example.com', 61 * MINUTE)).toBeGreaterThan(0);
  });
});
