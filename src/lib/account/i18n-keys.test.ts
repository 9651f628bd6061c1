/**
 * Every code the account services can produce has a UI string (problems, errors, roles, purposes,
 * channels …), so no account page can fail on a missing translation.
 */
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../api/auth/roles.ts';
import { PROBLEM_MESSAGES } from '../../../api/lib/service-error.ts';
import { GUARDIAN_BASES, GUARDIAN_KINDS } from '../../../api/guardianship/repository.ts';
import { ORG_KINDS } from '../../../api/organizations/service.ts';
import { PURPOSES } from '../../../api/privacy/purposes.ts';
import { OWN_ACTIVITY_TYPES } from '../../../api/privacy/security-events.ts';
import { dictionaries, LOCALES } from '../i18n.ts';

describe('account UI strings', () => {
  it('exist for every code the services use, in every locale', () => {
    const keys = [
      ...Object.keys(PROBLEM_MESSAGES).map((code) => `accounts.problem.${code}`),
      ...ROLES.map((role) => `accounts.role.${role}`),
      ...OWN_ACTIVITY_TYPES.map((type) => `accounts.activity.type.${type}`),
      ...PURPOSES.flatMap((p) => ['title', 'summary', 'detail'].map((part) => `accounts.purpose.${p}.${part}`)),
      ...ORG_KINDS.map((kind) => `accounts.org.kinds.${kind}`),
      ...['pending', 'verified', 'rejected'].map((status) => `accounts.org.status.${status}`),
      ...['web', 'phone', 'in_person', 'paper'].map((channel) => `accounts.channel.${channel}`),
      ...GUARDIAN_KINDS.map((kind) => `guardian.kind.${kind}`),
      ...GUARDIAN_BASES.map((basis) => `guardian.basis.${basis}`),
      ...['active', 'scheduled', 'ended'].map((state) => `guardian.state.${state}`),
      ...['self', 'guardian', 'proxy'].map((capacity) => `guardian.ward.capacity.${capacity}`),
      ...['already_guardian', 'guardianship_ended'].map((code) => `accounts.error.${code}`),
      ...['rate_limited', 'generic', 'fields', 'invalid_credentials', 'invalid_token', 'not_found', 'forbidden'].map(
        (code) => `accounts.error.${code}`,
      ),
    ];
    for (const locale of LOCALES) {
      expect(
        keys.filter((key) => !(key in dictionaries[locale])),
        locale,
      ).toEqual([]);
    }
  });
});
