/**
 * Work done after the response is sent, so that the response time cannot reveal what the work
 * found (e.g. whether an e-mail address has an account). Errors are logged, never thrown at the
 * caller. `settleDeferred()` lets tests and scripts wait for the queue to drain.
 */
import { log } from './log.ts';

const pending = new Set<Promise<void>>();

/** Run `work` on a later turn of the event loop. */
export function defer(name: string, work: () => void | Promise<void>): void {
  const task = new Promise<void>((resolve) => {
    setImmediate(() => {
      Promise.resolve()
        .then(work)
        .catch((error: unknown) => log.error('deferred work failed', { name, error: String(error) }))
        .finally(() => {
          pending.delete(task);
          resolve();
        });
    });
  });
  pending.add(task);
}

/** Wait until every deferred task has finished. */
export async function settleDeferred(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
