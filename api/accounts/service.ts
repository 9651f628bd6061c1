/**
 * My account: profile, roles, consents (with withdrawal), "download my data" and deletion — the
 * logic behind /api/account and the /account pages.
 */
import { confirmCurrentPassword } from '../auth/service.ts';
import type { AuthState } from '../auth/service.ts';
import { ACCOUNT_LOCALES, type AccountLocale, type Role } from '../auth/roles.ts';
import { invalidateUserSessions, listUserSessions } from '../auth/session.ts';
import { cleanText, NAME_MAX_LENGTH, phoneProblem, textProblem } from '../auth/validation.ts';
import type { Db } from '../db/client.ts';
import { anonymiseOpportunityData, opportunitiesPersonalData } from '../opportunities/service.ts';
import type { ServiceContext } from '../lib/service-context.ts';
import { assertNoProblems, type ProblemCode, ServiceError } from '../lib/service-error.ts';
import { endAllGuardianshipsOf, guardianshipsPersonalData } from '../guardianship/repository.ts';
import { deleteOutboxForUser, listOutboxForUser } from '../notifications/outbox.ts';
import { type AuditAction, auditAboutSubject, recordAudit } from '../privacy/audit.ts';
import {
  consentHistory,
  currentConsents,
  type ConsentDecision,
  type ConsentEntry,
  recordConsent,
  recordOwnDecision,
} from '../privacy/consents.ts';
import { isPurpose, POLICY_VERSION, PURPOSES, type Purpose, REQUIRED_PURPOSES } from '../privacy/purposes.ts';
import { type OwnActivity, ownActivity, recordSecurityEvent } from '../privacy/security-events.ts';
import { districtExists, getUser, type UserRecord, updateProfileFields } from './repository.ts';

/** The person's own profile. */
export interface MyProfile {
  id: string;
  email: string | null;
  emailVerified: boolean;
  displayName: string;
  nameKana: string | null;
  phone: string | null;
  districtId: string | null;
  locale: AccountLocale;
  roles: Role[];
  createdAt: number;
}

function activeUser(db: Db, id: string): UserRecord {
  const user = getUser(db, id);
  if (!user || user.status !== 'active') throw new ServiceError(404, 'not_found', 'There is no such account.');
  return user;
}

/** My profile and roles. */
export function getMyProfile(ctx: ServiceContext, auth: AuthState): MyProfile {
  const user = activeUser(ctx.db, auth.user.id);
  return {
    id: user.id,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    displayName: user.displayName,
    nameKana: user.nameKana,
    phone: user.phone,
    districtId: user.districtId,
    locale: user.locale,
    roles: auth.user.roles,
    createdAt: user.createdAt,
  };
}

/** Profile fields a person (or their coordinator) may change; undefined leaves a field as it is. */
export interface ProfileInput {
  displayName?: string | undefined;
  nameKana?: string | undefined;
  phone?: string | undefined;
  districtId?: string | undefined;
  locale?: string | undefined;
}

/** Check profile input; returns the cleaned values to store. */
export function cleanProfileInput(db: Db, input: ProfileInput) {
  const problems: Record<string, ProblemCode | null> = {};
  if (input.displayName !== undefined) {
    problems.displayName = textProblem(input.displayName, { required: true, max: NAME_MAX_LENGTH });
  }
  if (input.nameKana !== undefined)
    problems.nameKana = textProblem(input.nameKana, { required: false, max: NAME_MAX_LENGTH });
  if (input.phone !== undefined) problems.phone = phoneProblem(input.phone);
  if (input.districtId !== undefined && input.districtId !== '' && !districtExists(db, input.districtId)) {
    problems.districtId = 'district_unknown';
  }
  if (input.locale !== undefined && !(ACCOUNT_LOCALES as readonly string[]).includes(input.locale)) {
    problems.locale = 'invalid';
  }
  assertNoProblems(problems);
  return {
    ...(input.displayName !== undefined ? { displayName: cleanText(input.displayName)! } : {}),
    ...(input.nameKana !== undefined ? { nameKana: cleanText(input.nameKana) } : {}),
    ...(input.phone !== undefined ? { phone: cleanText(input.phone?.normalize('NFKC')) } : {}),
    ...(input.districtId !== undefined ? { districtId: cleanText(input.districtId) } : {}),
    ...(input.locale !== undefined ? { locale: input.locale as AccountLocale } : {}),
  };
}

/** Change my profile. */
export function updateMyProfile(ctx: ServiceContext, auth: AuthState, input: ProfileInput): MyProfile {
  const fields = cleanProfileInput(ctx.db, input);
  updateProfileFields(ctx.db, auth.user.id, fields, ctx.now);
  const updated = getMyProfile(ctx, auth);
  return updated;
}

/** The state of one purpose for a person. */
export interface ConsentState {
  purpose: Purpose;
  granted: boolean;
  /** Whether the person may withdraw it here (the account purpose ends only with deletion). */
  withdrawable: boolean;
  latest: ConsentEntry | null;
}

/** Current consent per purpose, and the full log. */
export function consentOverview(
  db: Db,
  subjectId: string,
): { policyVersion: string; purposes: ConsentState[]; history: ConsentEntry[] } {
  const current = currentConsents(db, subjectId);
  return {
    policyVersion: POLICY_VERSION,
    purposes: PURPOSES.map((purpose) => ({
      purpose,
      granted: current[purpose]?.action === 'granted',
      withdrawable: !REQUIRED_PURPOSES.includes(purpose),
      latest: current[purpose],
    })),
    history: consentHistory(db, subjectId),
  };
}

/** My consents. */
export function myConsents(ctx: ServiceContext, auth: AuthState) {
  return consentOverview(ctx.db, auth.user.id);
}

/**
 * Apply the side effects of a withdrawal at once: withdrawing the 要配慮個人情報 purpose erases the
 * sensitive field (APPI: stop using it; we keep nothing we may no longer use).
 */
export function applyWithdrawal(db: Db, subjectId: string, purpose: Purpose, now: number): void {
  if (purpose === 'sensitive_support') {
    db.run('UPDATE users SET support_needs = NULL, updated_at = ? WHERE id = ?', [now, subjectId]);
  }
}

/**
 * Record a consent decision taken for another person (by a guardian, or by a coordinator as
 * proxy): the consent log entry, the effects of a withdrawal and an audit entry, in one
 * transaction. Returns the person's consents.
 */
export function recordDecisionForPerson(
  ctx: ServiceContext,
  decision: ConsentDecision,
  audit: { action: AuditAction; detail: string },
): ReturnType<typeof consentOverview> {
  ctx.db.transaction(() => {
    recordConsent(ctx.db, decision, ctx.now);
    if (decision.action === 'withdrawn') applyWithdrawal(ctx.db, decision.subjectId, decision.purpose, ctx.now);
    recordAudit(ctx.db, { actorId: decision.actorId, subjectId: decision.subjectId, ...audit }, ctx.now);
  });
  return consentOverview(ctx.db, decision.subjectId);
}

/** Grant or withdraw one of my consents (web, in my own name). */
export function setMyConsent(
  ctx: ServiceContext,
  auth: AuthState,
  input: { purpose: string; action: 'granted' | 'withdrawn' },
) {
  if (!isPurpose(input.purpose)) {
    throw new ServiceError(400, 'invalid_request', 'Unknown purpose.', { purpose: 'invalid' });
  }
  const purpose = input.purpose;
  if (input.action === 'withdrawn' && REQUIRED_PURPOSES.includes(purpose)) {
    throw new ServiceError(
      409,
      'consent_required_for_account',
      'This consent is needed for the account itself. To withdraw it, delete the account.',
    );
  }
  ctx.db.transaction(() => {
    recordOwnDecision(ctx.db, auth.user.id, purpose, input.action, ctx.now);
    if (input.action === 'withdrawn') applyWithdrawal(ctx.db, auth.user.id, purpose, ctx.now);
  });
  return consentOverview(ctx.db, auth.user.id);
}

/** Everything the site holds about a person, as plain JSON (APPI 開示; ASVS data export). */
export function collectPersonalData(db: Db, userId: string, now: number) {
  const user = getUser(db, userId);
  if (!user) throw new ServiceError(404, 'not_found', 'There is no such account.');
  const name = (id: string | null) => (id ? (getUser(db, id)?.displayName ?? null) : null);
  return {
    format: 'sasaeai-hita-personal-data/1',
    exportedAt: new Date(now * 1000).toISOString(),
    policyVersion: POLICY_VERSION,
    profile: {
      id: user.id,
      email: user.email,
      emailVerifiedAt: user.emailVerifiedAt,
      displayName: user.displayName,
      nameKana: user.nameKana,
      phone: user.phone,
      districtId: user.districtId,
      supportNeeds: user.supportNeeds,
      locale: user.locale,
      status: user.status,
      registeredBy: user.registeredBy ? { id: user.registeredBy, name: name(user.registeredBy) } : null,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    },
    roles: db.all<{ role: string; grantedAt: number }>(
      'SELECT role, granted_at AS grantedAt FROM user_roles WHERE user_id = ? ORDER BY role',
      [userId],
    ),
    sessions: listUserSessions(db, userId, now).map((s) => ({
      device: s.clientLabel,
      createdAt: s.createdAt,
      lastUsedAt: s.lastVerifiedAt,
    })),
    consents: consentHistory(db, userId).map((entry) => ({
      purpose: entry.purpose,
      action: entry.action,
      policyVersion: entry.policyVersion,
      channel: entry.channel,
      capacity: entry.capacity,
      decidedBy: entry.decidedBy,
      recordedBy: entry.actorId === userId ? 'self' : { id: entry.actorId, name: name(entry.actorId) },
      at: entry.at,
    })),
    accessLog: auditAboutSubject(db, userId).map((entry) => ({
      action: entry.action,
      by: entry.actorId === userId ? 'self' : { id: entry.actorId, name: name(entry.actorId) },
      detail: entry.detail,
      at: entry.at,
    })),
    securityEvents: ownActivity(db, userId, 500),
    organizations: db.all<{ id: string; name: string; status: string; role: string; addedAt: number }>(
      `SELECT o.id, o.name, o.status, m.role, m.added_at AS addedAt
       FROM org_members m JOIN organizations o ON o.id = m.org_id WHERE m.user_id = ? ORDER BY o.name`,
      [userId],
    ),
    supporters: db.all<{ supporterId: string; name: string; capacity: string; createdAt: number }>(
      `SELECT r.supporter_id AS supporterId, u.display_name AS name, r.capacity, r.created_at AS createdAt
       FROM support_relations r JOIN users u ON u.id = r.supporter_id WHERE r.resident_id = ? ORDER BY r.created_at`,
      [userId],
    ),
    guardianships: guardianshipsPersonalData(db, userId),
    opportunities: opportunitiesPersonalData(db, userId),
    messages: listOutboxForUser(db, userId).map((m) => ({
      kind: m.kind,
      to: m.recipient,
      subject: m.subject,
      body: m.body,
      createdAt: m.createdAt,
      sentAt: m.sentAt,
    })),
  };
}

/** The newest security events about my account (My page: "recent activity"). */
export function myActivity(ctx: ServiceContext, auth: AuthState, limit = 10): OwnActivity[] {
  return ownActivity(ctx.db, auth.user.id, limit);
}

/** "Download my data". */
export function exportMyData(ctx: ServiceContext, auth: AuthState) {
  return collectPersonalData(ctx.db, auth.user.id, ctx.now);
}

/**
 * Anonymise a person at once, in one transaction: every session and token ends, personal fields
 * are blanked, memberships and support relations end, guardianships either way end (kept as
 * history), messages addressed to them are deleted.
 * The row itself stays (with roles, dates and the consent log) so aggregate counts stay right.
 */
export function anonymiseUser(db: Db, userId: string, actorId: string, now: number, clientIp?: string): void {
  db.transaction(() => {
    invalidateUserSessions(db, userId);
    db.run('DELETE FROM auth_tokens WHERE user_id = ?', [userId]);
    db.run(
      `UPDATE users SET email = NULL, email_verified_at = NULL, password_hash = NULL, display_name = '',
         name_kana = NULL, phone = NULL, district_id = NULL, support_needs = NULL, status = 'deleted',
         deleted_at = ?, updated_at = ? WHERE id = ?`,
      [now, now, userId],
    );
    anonymiseOpportunityData(db, userId, now);
    db.run('DELETE FROM org_members WHERE user_id = ?', [userId]);
    db.run('DELETE FROM support_relations WHERE resident_id = ? OR supporter_id = ?', [userId, userId]);
    endAllGuardianshipsOf(db, userId, actorId, now);
    deleteOutboxForUser(db, userId);
    recordAudit(db, { actorId, action: 'account.deleted', subjectId: userId }, now);
    recordSecurityEvent(
      db,
      { type: 'account.deleted', userId, actorId: actorId === userId ? null : actorId, clientIp: clientIp ?? null },
      now,
    );
  });
}

/** Delete my account after confirming the password. */
export async function deleteMyAccount(
  ctx: ServiceContext,
  auth: AuthState,
  input: { password: string },
): Promise<void> {
  assertNoProblems({ password: input.password === '' ? 'required' : null });
  if (!(await confirmCurrentPassword(ctx, auth, input.password))) {
    throw new ServiceError(400, 'invalid_request', 'The password is not correct.', { password: 'password_wrong' });
  }
  anonymiseUser(ctx.db, auth.user.id, auth.user.id, ctx.now, ctx.clientIp);
}
