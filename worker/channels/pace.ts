/**
 * Pacing for a provider's limits: at most `perMinute` requests a minute, spaced evenly (so a burst
 * never trips a per-second limit either), at most `concurrency` at once, and a pause for everyone
 * when the provider says to wait (a 429's Retry-After). One pacer per mailbox or account: the limit
 * is the provider's, shared by every send through it.
 */
export interface Pacer {
  /** Waits for a slot, runs `request` in it, and frees the slot. */
  run<T>(request: () => Promise<T>): Promise<T>;
  /** No request starts before `milliseconds` from now (the provider asked to wait). */
  pause(milliseconds: number): void;
}

export interface PaceLimits {
  perMinute: number;
  concurrency: number;
}

/** Time as the pacer sees it: real, or a test's, which moves on only when slept through. */
export interface PaceClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export function pacer(limits: PaceLimits, clock: PaceClock = realClock): Pacer {
  const spacing = 60_000 / limits.perMinute;
  let nextStart = 0;
  let pausedUntil = 0;
  let running = 0;
  const waiting: (() => void)[] = [];

  async function slot(): Promise<void> {
    // A freed slot is handed straight to the longest waiter, so a newcomer cannot slip in between.
    if (running >= limits.concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    // Each request books its start before waiting, so requests queued together go one spacing apart.
    for (;;) {
      const now = clock.now();
      const start = Math.max(now, nextStart, pausedUntil);
      nextStart = start + spacing;
      if (start > now) await clock.sleep(start - now);
      // The provider asked everyone to wait while this one slept: book again after the pause.
      if (pausedUntil <= clock.now()) return;
    }
  }

  return {
    async run(request) {
      await slot();
      try {
        return await request();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running -= 1;
      }
    },
    pause(milliseconds) {
      pausedUntil = Math.max(pausedUntil, clock.now() + milliseconds);
    },
  };
}

const realClock: PaceClock = { now: () => performance.now(), sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };

/**
 * Retry-After in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); `fallback` when
 * absent or unreadable. `nowMs` is wall-clock time, for the date form.
 */
export function retryAfterMs(header: string | null | undefined, nowMs: number, fallback: number): number {
  if (!header) return fallback;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? fallback : Math.max(0, date - nowMs);
}
