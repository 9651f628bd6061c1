/**
 * Places on a shift's waitlist. The waitlist is ordered by `queued_at`, then `id`; a person's
 * place is 1 + the number of waitlisted sign-ups ahead of theirs.
 *
 * Counting "ahead" walks the index over the whole waitlist, so a long waitlist makes every new
 * sign-up slower. The group commit (batch.ts) writes many sign-ups to the same shift in one
 * transaction; `WaitlistCounter` counts the first of them in full and each following one from
 * the previous: ahead(N) = ahead(K) + 1 (K itself) + the entries between K and N — and "between"
 * is almost always empty, so it is one short index probe instead of a walk.
 */
import type { Db } from '../db/client.ts';
import type { SignupRecord } from './repository.ts';

/** A sign-up's key in its shift's waitlist order. */
export type WaitlistEntry = Pick<SignupRecord, 'shiftId' | 'queuedAt' | 'id'>;

/** Whether `a` comes after `b` in waitlist order (same shift). */
export function isAfter(a: WaitlistEntry, b: WaitlistEntry): boolean {
  return a.queuedAt > b.queuedAt || (a.queuedAt === b.queuedAt && a.id > b.id);
}

/** The 1-based place of a waitlisted sign-up, counted in full. */
export function waitlistPosition(db: Db, signup: WaitlistEntry): number {
  return (
    (db.get<{ n: number }>(
      `SELECT count(*) AS n FROM signups WHERE shift_id = ? AND status = 'waitlisted'
       AND (queued_at < ? OR (queued_at = ? AND id < ?))`,
      [signup.shiftId, signup.queuedAt, signup.queuedAt, signup.id],
    )?.n ?? 0) + 1
  );
}

/**
 * Waitlisted sign-ups strictly between `from` and `to` (same shift, `to` after `from`). Written as
 * ranges SQLite can search in the index (shift_id, status, queued_at, id): a row-value range
 * `(queued_at, id) > (…)` narrows the index on `queued_at` only, so it walked every sign-up of the
 * same second — hundreds per sign-up under load.
 */
function countBetween(db: Db, from: WaitlistEntry, to: WaitlistEntry): number {
  const count = (sql: string, params: number[]) =>
    db.get<{ n: number }>(`SELECT count(*) AS n FROM signups WHERE shift_id = ? AND status = 'waitlisted' AND ${sql}`, [
      from.shiftId,
      ...params,
    ])?.n ?? 0;
  if (from.queuedAt === to.queuedAt)
    return count('queued_at = ? AND id > ? AND id < ?', [from.queuedAt, from.id, to.id]);
  return (
    count('queued_at = ? AND id > ?', [from.queuedAt, from.id]) +
    count('queued_at > ? AND queued_at < ?', [from.queuedAt, to.queuedAt]) +
    count('queued_at = ? AND id < ?', [to.queuedAt, to.id])
  );
}

/**
 * Positions of sign-ups joining waitlists inside ONE transaction in which waitlists change only
 * by sign-ups that join through `positionOfJoined` (the group commit: sign-ups never remove or
 * promote anyone). Call `reset()` when a sign-up of the transaction is rolled back.
 */
export class WaitlistCounter {
  readonly #db: Db;
  /** Per shift: the latest entry counted, and its position. */
  readonly #last = new Map<number, { entry: WaitlistEntry; position: number }>();

  constructor(db: Db) {
    this.#db = db;
  }

  /** The 1-based place of `entry`, which has just joined its shift's waitlist (row written). */
  positionOfJoined(entry: WaitlistEntry): number {
    const last = this.#last.get(entry.shiftId);
    // Exact when nothing ahead of `last` changed since it was counted: every join goes through
    // here, and a join ahead of `last` is counted in full and becomes the new `last`.
    const position =
      last && isAfter(entry, last.entry)
        ? last.position + 1 + countBetween(this.#db, last.entry, entry)
        : waitlistPosition(this.#db, entry);
    this.#last.set(entry.shiftId, { entry: { ...entry }, position });
    return position;
  }

  /** Forget every counted position (a sign-up of the transaction was rolled back). */
  reset(): void {
    this.#last.clear();
  }
}
