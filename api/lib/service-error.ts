/**
 * Errors thrown by feature services, shared by the JSON routes and the on-demand pages: the routes
 * answer them as `{ error: { code, message, details } }`; the pages show a translated message next
 * to each field, keyed by the problem code.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from './errors.ts';

/** Field problems the services report, with their English API message. */
export const PROBLEM_MESSAGES = {
  required: 'This field is required.',
  too_long: 'This is too long.',
  invalid: 'This value is not valid.',
  email_invalid: 'Enter an e-mail address such as name@example.jp.',
  password_too_short: 'Use at least 8 characters.',
  password_too_long: 'Use at most 128 characters.',
  password_common: 'This password is one of the most common ones. Choose another.',
  password_personal: 'Do not use your e-mail address or your name as the password.',
  password_wrong: 'The password is not correct.',
  confirmation_mismatch: 'The two entries are not the same.',
  policy_required: 'Please agree to the privacy policy to create an account.',
  consent_required: 'The person’s consent to this purpose is needed first.',
  corporate_number_invalid: 'A corporate number (法人番号) has 13 digits with a valid check digit.',
  district_unknown: 'Choose a district from the list.',
  phone_invalid: 'Enter a phone number with digits and hyphens only.',
  guardian_not_found: 'There is no account with this e-mail address that can sign in.',
  guardian_unverified: 'This account has not confirmed its e-mail address yet.',
  guardian_is_resident: 'A person cannot be recorded as their own guardian.',
  date_invalid: 'Enter a date such as 2026-04-01, at most one year ahead.',
} as const;

/** A field problem code. */
export type ProblemCode = keyof typeof PROBLEM_MESSAGES;

/** An error from a service, with per-field problem codes for forms. */
export class ServiceError extends ApiError {
  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    readonly problems: Readonly<Record<string, ProblemCode>> = {},
  ) {
    super(
      status,
      code,
      message,
      Object.entries(problems).map(([field, problem]) => ({ field, message: PROBLEM_MESSAGES[problem] })),
    );
    this.name = 'ServiceError';
  }
}

/** Throw a 400 `invalid_request` when any field has a problem. */
export function assertNoProblems(problems: Record<string, ProblemCode | null | undefined>): void {
  const found = Object.fromEntries(
    Object.entries(problems).filter((entry): entry is [string, ProblemCode] => Boolean(entry[1])),
  );
  if (Object.keys(found).length > 0) {
    throw new ServiceError(400, 'invalid_request', 'Some fields need attention.', found);
  }
}
