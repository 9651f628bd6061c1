/**
 * The purposes for which the site uses personal information (APPI 第17条: purposes must be
 * specified). The privacy policy page names each one; consent is recorded per purpose and policy
 * version. 要配慮個人情報 (health, disability …) is handled only with prior, explicit consent (第20条2項).
 */

/** The version of the privacy policy currently in force (its date). */
export const POLICY_VERSION = '2026-11-29';

/** Purpose codes, in the order the policy lists them. */
export const PURPOSES = ['account', 'coordination', 'matching', 'sensitive_support'] as const;
/** A purpose code. */
export type Purpose = (typeof PURPOSES)[number];

/** Purposes without which an account cannot exist (granted at sign-up, withdrawn only by deletion). */
export const REQUIRED_PURPOSES: readonly Purpose[] = ['account'];

/** Purposes covering 要配慮個人情報. */
export const SENSITIVE_PURPOSES: readonly Purpose[] = ['sensitive_support'];

/** Whether a value is a purpose code. */
export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && (PURPOSES as readonly string[]).includes(value);
}
