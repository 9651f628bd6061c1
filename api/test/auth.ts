/**
 * The AuthState of a world persona, for calling services directly (as the pages do).
 */
import type { AuthState } from '../auth/service.ts';
import { createSession, validateSessionToken } from '../auth/session.ts';
import type { SignedInPersona, World } from './world.ts';

/** A fresh session of a persona, validated into an AuthState. */
export function getAuthFor(world: World, persona: SignedInPersona): AuthState {
  const now = Math.floor(Date.now() / 1000);
  const { token } = createSession(world.db, world.people[persona].id, now, 'test');
  const result = validateSessionToken(world.db, token, now)!;
  return { session: result.session, user: result.user };
}
