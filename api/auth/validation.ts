/**
 * Field checks shared by every account form and endpoint (pure functions).
 */
import type { ProblemCode } from '../lib/service-error.ts';
import { checkNewPassword } from './password.ts';

/** Longest e-mail address accepted (RFC 5321 path limit). */
export const EMAIL_MAX_LENGTH = 254;
/** Longest display name. */
export const NAME_MAX_LENGTH = 100;

const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Trim and lower-case an e-mail address (addresses are matched case-insensitively). */
export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/** Problem with an e-mail address, or null. */
export function emailProblem(email: string): ProblemCode | null {
  const value = normaliseEmail(email);
  if (value === '') return 'required';
  if (value.length > EMAIL_MAX_LENGTH || !EMAIL_PATTERN.test(value)) return 'email_invalid';
  return null;
}

/** Problem with a short free-text field (name, kana), or null. */
export function textProblem(value: string, options: { required: boolean; max: number }): ProblemCode | null {
  const trimmed = value.normalize('NFC').trim();
  if (trimmed === '') return options.required ? 'required' : null;
  if ([...trimmed].length > options.max) return 'too_long';
  if (CONTROL_CHARACTERS.test(trimmed)) return 'invalid';
  return null;
}

/** Problem with a longer note (may hold line breaks), or null. */
export function noteProblem(value: string, max: number): ProblemCode | null {
  if ([...value.trim()].length > max) return 'too_long';
  // eslint-disable-next-line no-control-regex -- line breaks and tabs are fine in notes
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) return 'invalid';
  return null;
}

/** Problem with a phone number (digits, hyphens, spaces, parentheses, leading +), or null. */
export function phoneProblem(value: string): ProblemCode | null {
  const trimmed = value.normalize('NFKC').trim();
  if (trimmed === '') return null;
  return /^\+?[\d\- ()]{6,20}$/.test(trimmed) ? null : 'phone_invalid';
}

/** Problem with a new password, as a field problem code. */
export function newPasswordProblem(
  password: string,
  context: { email?: string | null; displayName?: string | null } = {},
): ProblemCode | null {
  if (password === '') return 'required';
  const problem = checkNewPassword(password, context);
  return problem ? (`password_${problem}` as const) : null;
}

/** Clean a free-text value for storage (NFC, trimmed); empty becomes null. */
export function cleanText(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').normalize('NFC').trim();
  return trimmed === '' ? null : trimmed;
}
