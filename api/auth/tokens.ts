/**
 * Random identifiers and `id.secret` tokens (sessions, e-mail verification, password reset),
 * following the lucia-auth.com session design: the id finds the row, the secret proves possession;
 * only SHA-256(secret) is stored, and it is compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** Bytes of an id: 120 bits, enough that ids never collide (they are not secret). */
const ID_BYTES = 15;
/** Bytes of a secret: 256 bits from the operating system's CSPRNG. */
export const SECRET_BYTES = 32;

const TOKEN_PATTERN = /^([a-z2-7]{24})\.([a-z2-7]{52})$/;

/** A new random id (24 base32 characters). */
export function generateId(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(ID_BYTES));
}

/** A new random secret (52 base32 characters = 256 bits). */
export function generateSecret(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(SECRET_BYTES));
}

/** SHA-256 of a secret, as bytes (stored as a BLOB). */
export function hashSecret(secret: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(secret, 'utf8').digest());
}

/** A new token with its parts and the hash to store. */
export function newToken(): { id: string; secret: string; token: string; secretHash: Uint8Array } {
  const id = generateId();
  const secret = generateSecret();
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

/** Split a token into id and secret; null for anything that is not exactly our format. */
export function parseToken(token: unknown): { id: string; secret: string } | null {
  if (typeof token !== 'string' || token.length !== 77) return null;
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/** Constant-time comparison of two hashes. */
export function hashesMatch(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}

/** Whether a secret matches a stored hash (hashing first, then comparing in constant time). */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  return hashesMatch(hashSecret(secret), new Uint8Array(storedHash));
}
