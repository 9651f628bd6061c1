/**
 * The coordinator console: register a resident who has no e-mail or phone (with their consent on
 * record: 電話 / 対面 / 書面, who recorded it), find the people one serves, read and update their
 * record — each read and each act on their behalf leaves an audit entry — and record their consent
 * decisions. A coordinator reads a person's record only while (a) they support that person and
 * (b) the person's consent to coordination stands; the sensitive field only with its own consent.
 */
import {
  anonymiseUser,
  recordDecisionForPerson,
  cleanProfileInput,
  collectPersonalData,
  consentOverview,
  type ProfileInput,
} from '../accounts/service.ts';
import { getUser, grantRole, insertUser, updateProfileFields } from '../accounts/repository.ts';
import type { AuthState } from '../auth/service.ts';
import { generateId } from '../auth/tokens.ts';
import { cleanText, NAME_MAX_LENGTH, noteProblem, textProblem } from '../auth/validation.ts';
import type { Db } from '../db/client.ts';
import type { ServiceContext } from '../lib/service-context.ts';
import { assertNoProblems, ServiceError } from '../lib/service-error.ts';
import { recordAudit } from '../privacy/audit.ts';
import {
  type ConsentChannel,
  type ConsentDecidedBy,
  hasConsent,
  PROXY_CHANNELS,
  recordConsent,
} from '../privacy/consents.ts';
import { isPurpose, PURPOSES, type Purpose } from '../privacy/purposes.ts';

/** Longest support-needs note. */
export const SUPPORT_NEEDS_MAX = 1000;

/** Proxy registration input. */
export interface ProxyRegistrationInput {
  displayName: string;
  nameKana?: string | undefined;
  phone?: string | undefined;
  districtId?: string | undefined;
  supportNeeds?: string | undefined;
  /** Purposes the person agreed to (must include 'coordination'). */
  purposes: readonly string[];
  channel: string;
  decidedBy: string;
}

function checkConsentMeta(channel: string, decidedBy: string) {
  return {
    channel: (PROXY_CHANNELS as readonly string[]).includes(channel) ? null : ('required' as const),
    decidedBy: decidedBy === 'person' || decidedBy === 'guardian' ? null : ('required' as const),
  };
}

/** Register a resident on their behalf; the coordinator becomes their supporter. */
export function registerResidentByProxy(
  ctx: ServiceContext,
  auth: AuthState,
  input: ProxyRegistrationInput,
): { id: string } {
  const purposes = new Set(input.purposes);
  const supportNeeds = cleanText(input.supportNeeds);
  assertNoProblems({
    ...checkConsentMeta(input.channel, input.decidedBy),
    purposes: [...purposes].every(isPurpose) ? (purposes.has('coordination') ? null : 'consent_required') : 'invalid',
    supportNeeds:
      noteProblem(input.supportNeeds ?? '', SUPPORT_NEEDS_MAX) ??
      (supportNeeds && !purposes.has('sensitive_support') ? 'consent_required' : null),
    displayName: textProblem(input.displayName, { required: true, max: NAME_MAX_LENGTH }),
  });
  const profile = cleanProfileInput(ctx.db, {
    displayName: input.displayName,
    nameKana: input.nameKana ?? '',
    phone: input.phone ?? '',
    districtId: input.districtId ?? '',
  });
  const id = generateId();
  ctx.db.transaction(() => {
    insertUser(
      ctx.db,
      {
        id,
        email: null,
        passwordHash: null,
        displayName: profile.displayName!,
        nameKana: profile.nameKana ?? null,
        phone: profile.phone ?? null,
        districtId: profile.districtId ?? null,
        // 要配慮個人情報 only after the consent row below exists in the same transaction.
        supportNeeds: null,
        locale: 'ja',
        registeredBy: auth.user.id,
      },
      ctx.now,
    );
    grantRole(ctx.db, id, 'resident', auth.user.id, ctx.now);
    ctx.db.run(
      "INSERT INTO support_relations (resident_id, supporter_id, capacity, created_by, created_at) VALUES (?, ?, 'proxy', ?, ?)",
      [id, auth.user.id, auth.user.id, ctx.now],
    );
    for (const purpose of PURPOSES) {
      if (!purposes.has(purpose)) continue;
      recordConsent(
        ctx.db,
        {
          subjectId: id,
          actorId: auth.user.id,
          capacity: 'proxy',
          decidedBy: input.decidedBy as ConsentDecidedBy,
          purpose,
          channel: input.channel as ConsentChannel,
          action: 'granted',
        },
        ctx.now,
      );
    }
    if (supportNeeds) ctx.db.run('UPDATE users SET support_needs = ? WHERE id = ?', [supportNeeds, id]);
    recordAudit(
      ctx.db,
      { actorId: auth.user.id, action: 'resident.registered_by_proxy', subjectId: id, detail: input.channel },
      ctx.now,
    );
  });
  return { id };
}

/** Whether this coordinator supports this person. */
export function supports(db: Db, supporterId: string, residentId: string): boolean {
  return (
    db.get('SELECT 1 AS one FROM support_relations WHERE supporter_id = ? AND resident_id = ?', [
      supporterId,
      residentId,
    ]) !== undefined
  );
}

function notFound(): ServiceError {
  return new ServiceError(404, 'not_found', 'There is no such person among the people you support.');
}

/** A person in the coordinator's list (no sensitive fields). */
export interface ResidentSummary {
  id: string;
  displayName: string;
  nameKana: string | null;
  districtId: string | null;
  hasEmail: boolean;
}

/**
 * What a resident search looked for, as recorded in the audit log — never the typed text, which is
 * usually (part of) a person's name: 'all' (no query: the whole list), 'kana' (only kana), 'name'.
 */
export function searchKind(query: string): 'all' | 'kana' | 'name' {
  if (query === '') return 'all';
  return /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s]+$/u.test(query) ? 'kana' : 'name';
}

/**
 * The people I support whose name or kana contains `query` (empty: all of them). Every person
 * shown gets an audit entry `resident.search` (detail: the search kind), so "who read my data"
 * lists each list or search that showed them.
 */
export function findMyResidents(ctx: ServiceContext, auth: AuthState, input: { query: string }): ResidentSummary[] {
  const query = input.query.normalize('NFKC').trim();
  assertNoProblems({ query: textProblem(query, { required: false, max: 50 }) });
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const found = ctx.db
    .all<Omit<ResidentSummary, 'hasEmail'> & { hasEmail: number }>(
      `SELECT u.id, u.display_name AS displayName, u.name_kana AS nameKana, u.district_id AS districtId,
         u.email IS NOT NULL AS hasEmail
       FROM support_relations r JOIN users u ON u.id = r.resident_id
       WHERE r.supporter_id = ? AND u.status = 'active'
         AND (? = '' OR u.display_name LIKE ? ESCAPE '\\' OR coalesce(u.name_kana, '') LIKE ? ESCAPE '\\')
       ORDER BY coalesce(u.name_kana, u.display_name) LIMIT 100`,
      [auth.user.id, query, pattern, pattern],
    )
    .map((row) => ({ ...row, hasEmail: Boolean(row.hasEmail) }));
  const kind = searchKind(query);
  ctx.db.transaction(() => {
    for (const resident of found) {
      recordAudit(
        ctx.db,
        { actorId: auth.user.id, action: 'resident.search', subjectId: resident.id, detail: kind },
        ctx.now,
      );
    }
  });
  return found;
}

/** A resident's record as their coordinator sees it. */
export interface ResidentRecord {
  id: string;
  displayName: string;
  nameKana: string | null;
  phone: string | null;
  districtId: string | null;
  /** null when the sensitive-data consent is not granted (the field is then empty anyway). */
  supportNeeds: string | null;
  sensitiveConsent: boolean;
  registeredByMe: boolean;
  createdAt: number;
  consents: ReturnType<typeof consentOverview>;
}

/** Read a person's record (audited). 404 unless I support them and their coordination consent stands. */
export function readResident(ctx: ServiceContext, auth: AuthState, residentId: string): ResidentRecord {
  const user = getUser(ctx.db, residentId);
  if (!user || user.status !== 'active' || !supports(ctx.db, auth.user.id, residentId)) throw notFound();
  if (!hasConsent(ctx.db, residentId, 'coordination')) {
    throw new ServiceError(
      403,
      'consent_withdrawn',
      'This person has not given (or has withdrawn) consent to coordination.',
    );
  }
  const sensitiveConsent = hasConsent(ctx.db, residentId, 'sensitive_support');
  recordAudit(
    ctx.db,
    {
      actorId: auth.user.id,
      action: 'resident.read',
      subjectId: residentId,
      detail: sensitiveConsent ? 'with_sensitive' : null,
    },
    ctx.now,
  );
  return {
    id: user.id,
    displayName: user.displayName,
    nameKana: user.nameKana,
    phone: user.phone,
    districtId: user.districtId,
    supportNeeds: sensitiveConsent ? user.supportNeeds : null,
    sensitiveConsent,
    registeredByMe: user.registeredBy === auth.user.id,
    createdAt: user.createdAt,
    consents: consentOverview(ctx.db, residentId),
  };
}

/** Update a person's record on their behalf (audited, listing the changed fields). */
export function updateResident(
  ctx: ServiceContext,
  auth: AuthState,
  residentId: string,
  input: ProfileInput & { supportNeeds?: string | undefined },
): ResidentRecord {
  const user = getUser(ctx.db, residentId);
  if (!user || user.status !== 'active' || !supports(ctx.db, auth.user.id, residentId)) throw notFound();
  if (!hasConsent(ctx.db, residentId, 'coordination')) {
    throw new ServiceError(
      403,
      'consent_withdrawn',
      'This person has not given (or has withdrawn) consent to coordination.',
    );
  }
  const { supportNeeds, locale: _ignored, ...profileInput } = input;
  const fields = cleanProfileInput(ctx.db, profileInput);
  if (supportNeeds !== undefined) {
    assertNoProblems({
      supportNeeds:
        noteProblem(supportNeeds, SUPPORT_NEEDS_MAX) ??
        (cleanText(supportNeeds) && !hasConsent(ctx.db, residentId, 'sensitive_support') ? 'consent_required' : null),
    });
  }
  const changed = [...Object.keys(fields), ...(supportNeeds !== undefined ? ['supportNeeds'] : [])];
  ctx.db.transaction(() => {
    updateProfileFields(
      ctx.db,
      residentId,
      { ...fields, ...(supportNeeds !== undefined ? { supportNeeds: cleanText(supportNeeds) } : {}) },
      ctx.now,
    );
    recordAudit(
      ctx.db,
      { actorId: auth.user.id, action: 'resident.updated_by_proxy', subjectId: residentId, detail: changed.join(',') },
      ctx.now,
    );
  });
  return readResident(ctx, auth, residentId);
}

/** Record a consent decision the person gave by phone, in person or on paper (audited). */
export function recordResidentConsent(
  ctx: ServiceContext,
  auth: AuthState,
  residentId: string,
  input: { purpose: string; action: 'granted' | 'withdrawn'; channel: string; decidedBy: string },
): ReturnType<typeof consentOverview> {
  const user = getUser(ctx.db, residentId);
  if (!user || user.status !== 'active' || !supports(ctx.db, auth.user.id, residentId)) throw notFound();
  assertNoProblems({
    ...checkConsentMeta(input.channel, input.decidedBy),
    purpose: isPurpose(input.purpose) ? null : 'invalid',
  });
  const purpose = input.purpose as Purpose;
  if (purpose === 'account' && input.action === 'withdrawn' && user.email) {
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
      capacity: 'proxy',
      decidedBy: input.decidedBy as ConsentDecidedBy,
      purpose,
      channel: input.channel as ConsentChannel,
      action: input.action,
    },
    { action: 'resident.consent_by_proxy', detail: `${purpose}:${input.action}:${input.channel}` },
  );
}

/** The active resident I support, or 404 (consent is not needed: see the two functions below). */
function supportedResident(ctx: ServiceContext, auth: AuthState, residentId: string) {
  const user = getUser(ctx.db, residentId);
  if (!user || user.status !== 'active' || !supports(ctx.db, auth.user.id, residentId)) throw notFound();
  return user;
}

/**
 * What the data-rights section of the resident page needs — whether the person signs in
 * themselves (then they delete their account on My page) — for a person I support, whatever
 * their consents: the rights to one's data do not depend on the coordination consent. Reads no
 * personal data, so it leaves no audit entry.
 */
export function residentRights(
  ctx: ServiceContext,
  auth: AuthState,
  residentId: string,
): { signsInThemselves: boolean } {
  return { signsInThemselves: supportedResident(ctx, auth, residentId).email !== null };
}

/**
 * "Download my data" for a person without a sign-in of their own: their coordinator hands it over
 * (printed or on paper). The right to one's data does not depend on the coordination consent, so
 * this works after a withdrawal too. Audited as `account.exported` by the coordinator.
 */
export function exportResidentData(ctx: ServiceContext, auth: AuthState, residentId: string) {
  supportedResident(ctx, auth, residentId);
  recordAudit(
    ctx.db,
    { actorId: auth.user.id, action: 'account.exported', subjectId: residentId, detail: 'by_proxy' },
    ctx.now,
  );
  return collectPersonalData(ctx.db, residentId, ctx.now);
}

/**
 * Delete the account of a person without a sign-in of their own, at their request, given by phone,
 * in person or on paper: the same anonymisation as a self-service deletion (audited as
 * `account.deleted` by the coordinator). People who sign in themselves delete on My page.
 */
export function deleteResidentAccount(ctx: ServiceContext, auth: AuthState, residentId: string): void {
  const user = supportedResident(ctx, auth, residentId);
  if (user.email !== null) {
    throw new ServiceError(
      409,
      'self_service',
      'This person signs in with their own e-mail address: they delete the account themselves on My page.',
    );
  }
  anonymiseUser(ctx.db, residentId, auth.user.id, ctx.now, ctx.clientIp);
}

/**
 * For later features (rides, placements): act for a resident — checks that I support them and that
 * their coordination consent stands, and leaves an audit entry naming the action.
 */
export function actForResident(ctx: ServiceContext, auth: AuthState, residentId: string, action: string): void {
  if (!supports(ctx.db, auth.user.id, residentId)) throw notFound();
  if (!hasConsent(ctx.db, residentId, 'coordination')) {
    throw new ServiceError(
      403,
      'consent_withdrawn',
      'This person has not given (or has withdrawn) consent to coordination.',
    );
  }
  recordAudit(
    ctx.db,
    { actorId: auth.user.id, action: 'resident.acted_for', subjectId: residentId, detail: action.slice(0, 100) },
    ctx.now,
  );
}
