/**
 * Passwords (quality.md S4, ASVS V6): argon2id with the configured cost (OWASP parameters in
 * production), 8–128 characters of any kind (spaces and every script allowed, no composition rules,
 * never truncated), the most common passwords refused. Unicode is normalised to NFC before hashing
 * so the same password typed on different devices matches.
 */
import { randomBytes } from 'node:crypto';
import { hash, hashSync, verify } from '@node-rs/argon2';
import type { Config } from '../config.ts';
import { COMMON_PASSWORDS_TEXT } from './common-passwords.ts';

/** Fewest characters (code points). */
export const PASSWORD_MIN_LENGTH = 8;
/** Most characters (code points). */
export const PASSWORD_MAX_LENGTH = 128;

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

const commonPasswords = new Set(COMMON_PASSWORDS_TEXT.split('\n'));

/** Why a password is refused. */
export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'personal';

/** Number of characters as people count them (code points, not UTF-16 units). */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

/** Whether the password is on the common-password list (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.normalize('NFC').toLowerCase());
}

/**
 * The first problem with a new password, or null when it is acceptable.
 * `context` holds words an attacker would try first for this person (their e-mail, their name).
 */
export function checkNewPassword(
  password: string,
  context: { email?: string | null; displayName?: string | null } = {},
): PasswordProblem | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  if (isCommonPassword(password)) return 'common';
  const lowered = password.normalize('NFC').toLowerCase().trim();
  const email = context.email?.toLowerCase();
  const personal = [email, email?.split('@')[0], context.displayName?.toLowerCase().trim()].filter(
    (word): word is string => Boolean(word && word.length >= 3),
  );
  if (personal.some((word) => lowered === word)) return 'personal';
  return null;
}

/** Hash a password with argon2id (a fresh random salt each time). */
export function hashPassword(password: string, params: Config['argon2']): Promise<string> {
  return hash(password.normalize('NFC'), { ...params, algorithm: ARGON2ID });
}

/** Check a password against a stored argon2id hash; false for malformed hashes. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

const dummyHashes = new Map<string, Promise<string>>();

/**
 * Spend the same time as a real check when there is no account to check against, so the
 * answer for an unknown e-mail arrives as late as for a known one (quality.md S5).
 */
export async function verifyAgainstDummy(password: string, params: Config['argon2']): Promise<false> {
  const key = `${params.memoryCost}:${params.timeCost}:${params.parallelism}`;
  let dummy = dummyHashes.get(key);
  if (!dummy) {
    dummy = hashPassword(randomBytes(16).toString('hex'), params);
    dummyHashes.set(key, dummy);
  }
  await verifyPassword(await dummy, password);
  return false;
}

/** Synchronous hash, for scripts and demo data only (blocks the event loop; never in a request). */
export function hashPasswordSync(password: string, params: Config['argon2']): string {
  return hashSync(password.normalize('NFC'), { ...params, algorithm: ARGON2ID });
}
