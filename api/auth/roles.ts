/**
 * Roles a person can hold (several at once) and the locales an account can choose.
 */

/** Every role, in display order. */
export const ROLES = ['resident', 'volunteer', 'driver', 'business', 'coordinator', 'admin'] as const;
/** A role. */
export type Role = (typeof ROLES)[number];

/** Roles a person may give themselves at sign-up; coordinator and admin are granted by an admin. */
export const SELF_SERVICE_ROLES = ['resident', 'volunteer', 'driver', 'business'] as const satisfies readonly Role[];
/** A role one may choose oneself. */
export type SelfServiceRole = (typeof SELF_SERVICE_ROLES)[number];

/** Roles only an admin grants. */
export const STAFF_ROLES = ['coordinator', 'admin'] as const satisfies readonly Role[];

/** Locales of the site, for messages and pages. */
export const ACCOUNT_LOCALES = ['ja', 'en', 'easy'] as const;
/** A locale an account can prefer. */
export type AccountLocale = (typeof ACCOUNT_LOCALES)[number];

/** Whether a value is a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
