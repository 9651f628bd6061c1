/**
 * Guardianships (quality.md S9: "guardians may consent for a person"). A coordinator who supports a
 * resident records that an account holder — family, a 成年後見人 (legal guardian) or another
 * supporter — is that resident's guardian: how it was confirmed (document / phone / in person), by
 * whom, from which date; and ends it. While a guardianship is active, the guardian reads the
 * person's record (audited as `resident.read` with the capacity `guardian`), records or withdraws
 * consents for them (consent log capacity `guardian`) and downloads their data. Nobody else's data,
 * and nothing once the guardianship has ended or before it starts.
 */
import { collectPersonalData, consentOverview, recordDecisionForPerson } from '../accounts/service.ts';
import { findActiveUserByEmail, getUser, type UserRecord } from '../accounts/repository.ts';
import type { AuthState } from '../auth/service.ts';
import { generateId } from '../auth/tokens.ts';
import { emailProblem, normaliseEmail } from '../auth/validation.ts';
import { supports } from '../coordinator/service.ts';
import type { ServiceContext } from '../lib/service-context.ts';
import { assertNoProblems, type ProblemCode, ServiceError } from '../lib/service-error.ts';
import { recordAudit } from '../privacy/audit.ts';
import { hasConsent } from '../privacy/consents.ts';
import { isPurpose, REQUIRED_PURPOSES } from '../privacy/purposes.ts';
import {
  activeGuardianship,
  activeWardsOf,
  GUARDIAN_BASES,
  GUARDIAN_KINDS,
  type GuardianBasis,
  type GuardianKind,
  type Guardianship,
  type GuardianshipListing,
  getGuardianship,
  guardianshipsOfResident,
  hasOpenGuardianship,
  insertGuardianship,
  markEnded,
  type Ward,
} from './repository.ts';

const DAY_SECONDS = 86_400;
const JST_OFFSET_SECONDS = 9 * 3600;

/** The calendar date in Japan (`YYYY-MM-DD`) of a unix time. */
export function japanDate(unixSeconds: number): string {
  return new Date((unixSeconds + JST_OFFSET_SECONDS) * 1000).toISOString().slice(0, 10);
}

/**
 * Problem with a start date, or null: a real calendar date `YYYY-MM-DD` from 1900 to one year
 * after today (a court decision may take effect a little later than it is recorded).
 */
export function startDateProblem(value: string, now: number): ProblemCode | null {
  if (value.trim() === '') return 'required';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return 'date_invalid';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return 'date_invalid';
  }
  if (year < 1900 || value.trim() > japanDate(now + 366 * DAY_SECONDS)) return 'date_invalid';
  return null;
}

function notSupported(): ServiceError {
  return new ServiceError(404, 'not_found', 'There is no such person among the people you support.');
}

/** The active resident this coordinator supports, or 404. */
function supportedResident(ctx: ServiceContext, auth: AuthState, residentId: string): UserRecord {
  const user = getUser(ctx.db, residentId);
  if (!user || user.status !== 'active' || !supports(ctx.db, auth.user.id, residentId)) throw notSupported();
  return user;
}

/** What a coordinator enters to record a guardian. */
export interface GuardianshipInput {
  guardianEmail: string;
  kind: string;
  basis: string;
  /** `YYYY-MM-DD`. */
  startsOn: string;
}

/**
 * Record that the account with `guardianEmail` is the guardian of a resident I support (audited as
 * `guardianship.granted`). Needs the resident's coordination consent, like every other act of
 * coordination; the guardian's account must be able to sign in and have a confirmed e-mail address.
 */
export function grantGuardianship(
  ctx: ServiceContext,
  auth: AuthState,
  residentId: string,
  input: GuardianshipInput,
): Guardianship {
  supportedResident(ctx, auth, residentId);
  if (!hasConsent(ctx.db, residentId, 'coordination')) {
    throw new ServiceError(
      403,
      'consent_withdrawn',
      'This person has not given (or has withdrawn) consent to coordination.',
    );
  }
  assertNoProblems({
    guardianEmail: emailProblem(input.guardianEmail),
    kind: (GUARDIAN_KINDS as readonly string[]).includes(input.kind) ? null : 'required',
    basis: (GUARDIAN_BASES as readonly string[]).includes(input.basis) ? null : 'required',
    startsOn: startDateProblem(input.startsOn, ctx.now),
  });
  const guardian = findActiveUserByEmail(ctx.db, normaliseEmail(input.guardianEmail));
  assertNoProblems({
    guardianEmail: !guardian?.passwordHash
      ? 'guardian_not_found'
      : guardian.id === residentId
        ? 'guardian_is_resident'
        : guardian.emailVerifiedAt === null
          ? 'guardian_unverified'
          : null,
  });
  const guardianId = guardian!.id;
  const row = {
    id: generateId(),
    residentId,
    guardianId,
    kind: input.kind as GuardianKind,
    basis: input.basis as GuardianBasis,
    startsOn: input.startsOn.trim(),
    recordedBy: auth.user.id,
    recordedAt: ctx.now,
  };
  ctx.db.transaction(() => {
    if (hasOpenGuardianship(ctx.db, residentId, guardianId)) {
      throw new ServiceError(409, 'already_guardian', 'This person is already recorded as a guardian here.');
    }
    insertGuardianship(ctx.db, row);
    recordAudit(
      ctx.db,
      {
        actorId: auth.user.id,
        action: 'guardianship.granted',
        subjectId: residentId,
        detail: `${row.id}:${row.kind}:${row.basis}`,
      },
      ctx.now,
    );
  });
  return { ...row, endedAt: null, endedBy: null };
}

/**
 * End a guardianship of a resident I support (audited as `guardianship.ended`). Works also after a
 * withdrawal of the coordination consent: taking access away is always allowed.
 */
export function endGuardianship(
  ctx: ServiceContext,
  auth: AuthState,
  residentId: string,
  guardianshipId: string,
): Guardianship {
  supportedResident(ctx, auth, residentId);
  const existing = getGuardianship(ctx.db, guardianshipId);
  if (!existing || existing.residentId !== residentId) {
    throw new ServiceError(404, 'not_found', 'There is no such guardianship for this person.');
  }
  ctx.db.transaction(() => {
    if (!markEnded(ctx.db, guardianshipId, auth.user.id, ctx.now)) {
      throw new ServiceError(409, 'guardianship_ended', 'This guardianship has already ended.');
    }
    recordAudit(
      ctx.db,
      {
        actorId: auth.user.id,
        action: 'guardianship.ended',
        subjectId: residentId,
        detail: `${guardianshipId}:${existing.kind}`,
      },
      ctx.now,
    );
  });
  return getGuardianship(ctx.db, guardianshipId)!;
}

/** A guardianship in a coordinator's list, with whether it grants anything today. */
export interface GuardianshipView extends GuardianshipListing {
  state: 'active' | 'scheduled' | 'ended';
}

/** The guardianships (past and present) of a resident I support. */
export function listGuardianships(ctx: ServiceContext, auth: AuthState, residentId: string): GuardianshipView[] {
  supportedResident(ctx, auth, residentId);
  const today = japanDate(ctx.now);
  return guardianshipsOfResident(ctx.db, residentId).map((row) => ({
    ...row,
    state: row.endedAt !== null ? 'ended' : row.startsOn > today ? 'scheduled' : 'active',
  }));
}

/** The people I am the active guardian of (for My page). */
export function myWards(ctx: ServiceContext, auth: AuthState): Ward[] {
  return activeWardsOf(ctx.db, auth.user.id, japanDate(ctx.now));
}

/** The active guardianship of me for this person, or 404 (also when it ended or has not started). */
function wardOf(ctx: ServiceContext, auth: AuthState, residentId: string): { user: UserRecord; link: Guardianship } {
  const user = getUser(ctx.db, residentId);
  const link = activeGuardianship(ctx.db, auth.user.id, residentId, japanDate(ctx.now));
  if (!user || user.status !== 'active' || !link) {
    throw new ServiceError(404, 'not_found', 'There is no such person among the people you are guardian of.');
  }
  return { user, link };
}

/** A person's record as their guardian sees it. */
export interface WardRecord {
  id: string;
  displayName: string;
  nameKana: string | null;
  phone: string | null;
  districtId: string | null;
  /** 要配慮個人情報; only stored while the person's sensitive-data consent stands. */
  supportNeeds: string | null;
  guardianship: { id: string; kind: GuardianKind; basis: GuardianBasis; startsOn: string };
  consents: ReturnType<typeof consentOverview>;
}

/** Read the record of a person I am guardian of (audited: `resident.read`, capacity guardian). */
export function readAsGuardian(ctx: ServiceContext, auth: AuthState, residentId: string): WardRecord {
  const { user, link } = wardOf(ctx, auth, residentId);
  const sensitive = hasConsent(ctx.db, residentId, 'sensitive_support');
  recordAudit(
    ctx.db,
    {
      actorId: auth.user.id,
      action: 'resident.read',
      subjectId: residentId,
      detail: sensitive ? 'capacity:guardian,with_sensitive' : 'capacity:guardian',
    },
    ctx.now,
  );
  return {
    id: user.id,
    displayName: user.displayName,
    nameKana: user.nameKana,
    phone: user.phone,
    districtId: user.districtId,
    supportNeeds: sensitive ? user.supportNeeds : null,
    guardianship: { id: link.id, kind: link.kind, basis: link.basis, startsOn: link.startsOn },
    consents: consentOverview(ctx.db, residentId),
  };
}

/**
 * Grant or withdraw a consent for a person I am guardian of, on the web: logged with capacity and
 * decision `guardian` and audited as `resident.consent_by_guardian`. The account purpose ends only
 * with deletion of the account, as for the person themselves.
 */
export function recordConsentAsGuardian(
  ctx: ServiceContext,
  auth: AuthState,
  residentId: string,
  input: { purpose: string; action: 'granted' | 'withdrawn' },
): ReturnType<typeof consentOverview> {
  wardOf(ctx, auth, residentId);
  if (!isPurpose(input.purpose)) {
    throw new ServiceError(400, 'invalid_request', 'Unknown purpose.', { purpose: 'invalid' });
  }
  const purpose = input.purpose;
  if (input.action === 'withdrawn' && REQUIRED_PURPOSES.includes(purpose)) {
    throw new ServiceError(
      409,
      'consent_required_for_account',
      'The account consent ends only with deletion of the account.',
    );
  }
  return recordDecisionForPerson(
    ctx,
    {
      subjectId: residentId,
      actorId: auth.user.id,
      capacity: 'guardian',
      decidedBy: 'guardian',
      purpose,
      channel: 'web',
      action: input.action,
    },
    { action: 'resident.consent_by_guardian', detail: `${purpose}:${input.action}` },
  );
}

/** All data about a person I am guardian of (audited as `account.exported`, by_guardian). */
export function exportAsGuardian(ctx: ServiceContext, auth: AuthState, residentId: string) {
  wardOf(ctx, auth, residentId);
  recordAudit(
    ctx.db,
    { actorId: auth.user.id, action: 'account.exported', subjectId: residentId, detail: 'by_guardian' },
    ctx.now,
  );
  return collectPersonalData(ctx.db, residentId, ctx.now);
}
