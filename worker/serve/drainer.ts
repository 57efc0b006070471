/**
 * The background drain: one at a time. A submission asks for a drain; while one runs, the running
 * drain picks the new rows up (it claims until the queue is empty), and a request that comes as it
 * finishes runs it once more, so no row is left waiting for the next submission. Stopping lets the
 * drain finish the message with the provider, record it, and claim no more.
 */
export interface Drainer {
  /** Asks for the queue to be drained (now, or again once the running drain ends). */
  request(): void;
  /** Stops claiming; resolves once the running drain has recorded what it sent. */
  stop(): Promise<void>;
  /** Resolves when no drain is running (for tests and the benchmark). */
  idle(): Promise<void>;
}

export function backgroundDrainer(drain: (stop: AbortSignal) => Promise<void>, onError: (error: Error) => void): Drainer {
  const stopping = new AbortController();
  let running: Promise<void> | null = null;
  let again = false;

  async function loop(): Promise<void> {
    do {
      again = false;
      try {
        await drain(stopping.signal);
      } catch (error) {
        onError(error as Error);
      }
    } while (again && !stopping.signal.aborted);
    running = null;
  }

  return {
    request() {
      if (stopping.signal.aborted) return;
      if (running) again = true;
      else running = loop();
    },
    async stop() {
      stopping.abort();
      await running;
    },
    async idle() {
      while (running) await running;
    },
  };
}
