/**
 * The opportunities' small scheduler, run inside the server process: every few minutes it
 * refreshes the next-shift times of the list and sends the reminders that are due. Each run is
 * idempotent (a reminder is marked sent in the same transaction that writes it), so overlapping
 * instances or restarts never send one twice. The clock is injected for tests.
 */
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { log } from '../lib/log.ts';
import { runOpportunityJobs } from './service.ts';

/** Options of the scheduler. */
export interface SchedulerOptions {
  /** Current time in unix seconds. */
  now?: () => number;
  /** Time between runs (default 5 minutes). */
  intervalMs?: number;
  /** Timer functions (replaceable in tests). */
  setInterval?: (run: () => void, ms: number) => { unref?: () => void };
  clearInterval?: (timer: unknown) => void;
}

/** Start the scheduler (one run at once, then every interval); returns a function that stops it. */
export function startOpportunityJobs(db: Db, config: Config, options: SchedulerOptions = {}): () => void {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const every = options.setInterval ?? ((run: () => void, ms: number) => setInterval(run, ms));
  const stop = options.clearInterval ?? ((timer: unknown) => clearInterval(timer as NodeJS.Timeout));
  const tick = () => {
    try {
      const result = runOpportunityJobs(db, config, now());
      if (result.reminders > 0) log.info('opportunity reminders queued', { count: result.reminders });
    } catch (error) {
      log.warn('opportunity jobs failed', { error: String(error) });
    }
  };
  tick();
  const timer = every(tick, options.intervalMs ?? 5 * 60 * 1000);
  timer.unref?.();
  return () => stop(timer);
}
