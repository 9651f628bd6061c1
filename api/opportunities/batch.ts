/**
 * Group commit for sign-ups through the API: sign-ups that arrive together are written in ONE
 * `BEGIN IMMEDIATE … COMMIT`, each inside its own savepoint (a failing one rolls back alone), and
 * every request is answered only after that commit — so an acknowledged sign-up is durable, and
 * the fixed cost of a commit is shared. Capacity stays exact: the sign-ups of a batch run one
 * after the other inside the transaction, each with its own seat check. Shifts are read once per
 * batch and waitlist places counted incrementally (batch-state.ts, waitlist.ts).
 */
import type { AuthState } from '../auth/service.ts';
import type { Db } from '../db/client.ts';
import type { ServiceContext } from '../lib/service-context.ts';
import { SignupBatchState } from './batch-state.ts';
import { type SignupInput, type SignupResult, signUpInTransaction } from './service.ts';

/** At most this many sign-ups share one commit. */
export const MAX_BATCH = 256;

interface Pending {
  ctx: ServiceContext;
  auth: AuthState;
  shiftId: number;
  input: SignupInput;
  resolve: (result: SignupResult) => void;
  reject: (error: unknown) => void;
}

const queues = new WeakMap<Db, { items: Pending[]; scheduled: boolean }>();

function flush(db: Db): void {
  const queue = queues.get(db);
  if (!queue) return;
  const items = queue.items.splice(0, MAX_BATCH);
  queue.scheduled = queue.items.length > 0;
  if (queue.scheduled) setImmediate(() => flush(db));
  const outcomes: ({ ok: true; value: SignupResult } | { ok: false; error: unknown })[] = [];
  // Shifts, opportunities and waitlists change only through this batch's sign-ups while its
  // transaction runs (batch-state.ts).
  const state = new SignupBatchState(db);
  try {
    db.transaction(() => {
      for (const item of items) {
        try {
          outcomes.push({
            ok: true,
            value: db.transaction(() => signUpInTransaction(item.ctx, item.auth, item.shiftId, item.input, state)),
          });
        } catch (error) {
          state.reset(); // its savepoint was rolled back: what was read or counted may be gone
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    // The commit itself failed: nothing of this batch was written, so nothing is acknowledged.
    outcomes.length = 0;
    for (let i = 0; i < items.length; i++) outcomes.push({ ok: false, error });
  }
  items.forEach((item, index) => {
    const outcome = outcomes[index];
    if (outcome?.ok) item.resolve(outcome.value);
    else item.reject(outcome ? outcome.error : new Error('sign-up not processed'));
  });
}

/** Sign up for a shift through the group commit; resolves after the commit. */
export function signUpBatched(
  ctx: ServiceContext,
  auth: AuthState,
  shiftId: number,
  input: SignupInput,
): Promise<SignupResult> {
  return new Promise((resolve, reject) => {
    let queue = queues.get(ctx.db);
    if (!queue) {
      queue = { items: [], scheduled: false };
      queues.set(ctx.db, queue);
    }
    queue.items.push({ ctx, auth, shiftId, input, resolve, reject });
    if (!queue.scheduled) {
      queue.scheduled = true;
      setImmediate(() => flush(ctx.db));
    }
  });
}
