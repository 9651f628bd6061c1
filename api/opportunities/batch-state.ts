/**
 * What the sign-ups of ONE transaction share (the group commit, batch.ts): each shift with its
 * opportunity as read at the first sign-up to it, the message parts worked out for it, and the
 * waitlist counter. Shifts and opportunities do not change while that transaction runs, because
 * only sign-ups run in it, and a sign-up changes nothing of them but a shift's seat count — which
 * is not kept here (seats are taken by an atomic UPDATE). After a sign-up of the transaction is
 * rolled back, `reset()` forgets everything.
 */
import type { Db } from '../db/client.ts';
import type { SignupMessageCache } from './notify.ts';
import { findSignupTarget, type SignupOpportunity, type SignupShift } from './repository.ts';
import { WaitlistCounter } from './waitlist.ts';

/** State shared by the sign-ups of one transaction. */
export class SignupBatchState {
  readonly #db: Db;
  readonly #targets = new Map<number, { shift: SignupShift; opportunity: SignupOpportunity } | undefined>();
  /** Message parts by opportunity, shift times and language. */
  readonly messages: SignupMessageCache = new Map();
  /** Waitlist places, counted incrementally. */
  readonly waitlist: WaitlistCounter;

  constructor(db: Db) {
    this.#db = db;
    this.waitlist = new WaitlistCounter(db);
  }

  /** A shift and its opportunity (read once per transaction). */
  target(shiftId: number): { shift: SignupShift; opportunity: SignupOpportunity } | undefined {
    if (!this.#targets.has(shiftId)) this.#targets.set(shiftId, findSignupTarget(this.#db, shiftId));
    return this.#targets.get(shiftId);
  }

  /** Forget everything (a sign-up of the transaction was rolled back). */
  reset(): void {
    this.#targets.clear();
    this.messages.clear();
    this.waitlist.reset();
  }
}
