/**
 * Time and ids a test controls: a clock that moves only when told, and ids that are the same on every
 * run (so a failing scenario can be replayed) yet shaped like the real ones.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '#ports/clock';
import type { Ids } from '#ports/ids';

export interface ManualClock extends Clock {
  /** Moves the clock forward (or back, with a negative number) by `ms`. */
  advance(ms: number): Date;
  set(at: Date | string): Date;
}

export function manualClock(start: Date | string = new Date()): ManualClock {
  let current = new Date(start).getTime();
  if (Number.isNaN(current)) throw new RangeError(`manualClock: invalid start '${String(start)}'`);
  return {
    // A fresh Date each time: a caller that mutates it must not move the clock.
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
      return new Date(current);
    },
    set(at: Date | string) {
      const next = new Date(at).getTime();
      if (Number.isNaN(next)) throw new RangeError(`manualClock: invalid time '${String(at)}'`);
      current = next;
      return new Date(current);
    },
  };
}

/** The alphabet of adapters/ids.ts (Crockford base32, lower case), so MATERIAL_ID accepts these ids. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(value: number, length: number): string {
  let out = '';
  for (let v = value, i = 0; i < length; i++, v = Math.floor(v / 32)) out = ALPHABET[v % 32] + out;
  return out;
}

/**
 * 10 characters of time and 16 of "randomness" as adapters/ids.ts makes them; here the 16 are a counter
 * (6 characters, so ids made at one instant still sort in the order they were made) and 10 characters
 * of its hash (so they do not look guessable, and a test cannot come to depend on them being sequential).
 */
export class SequentialIds implements Ids {
  private count = 0;

  constructor(private readonly seed = 'memory') {}

  newId(at: Date): string {
    const n = this.count++;
    const digest = createHash('sha256').update(`${this.seed}:${n}`).digest();
    const noise = [...digest.subarray(0, 10)].map((b) => ALPHABET[b % 32]).join('');
    return base32(at.getTime(), 10) + base32(n, 6) + noise;
  }

  fromKey(key: string): string {
    const digest = createHash('sha256').update(key).digest();
    return [...digest.subarray(0, 26)].map((b) => ALPHABET[b % 32]).join('');
  }
}
