/**
 * Organizations (businesses, NPOs, 社協 …): a member registers one (optionally with its 法人番号),
 * it waits as `pending` until a coordinator verifies it, and then its members may act for it.
 * The logic behind /api/organizations and the /account/organizations pages.
 */
import { findActiveUserByEmail, grantRole } from '../accounts/repository.ts';
import { siteLink, type AuthState } from '../auth/service.ts';
import { emailProblem, normaliseEmail, noteProblem, textProblem } from '../auth/validation.ts';
import type { Db } from '../db/client.ts';
import { generateId } from '../auth/tokens.ts';
import { enforceRateLimit, RATE_LIMITS } from '../middleware/rate-limit.ts';
import { enqueueMessage } from '../notifications/outbox.ts';
import { recordAudit } from '../privacy/audit.ts';
import { recordSecurityEvent } from '../privacy/security-events.ts';
import type { ServiceContext } from '../lib/service-context.ts';
import { assertNoProblems, ServiceError } from '../lib/service-error.ts';
import { isValidCorporateNumber, normaliseCorporateNumber } from './corporate-number.ts';

/** Kinds of organization. */
export const ORG_KINDS = ['business', 'npo', 'shakyo', 'public', 'other'] as const;
/** A kind of organization. */
export type OrgKind = (typeof ORG_KINDS)[number];
/** Review states. */
export type OrgStatus = 'pending' | 'verified' | 'rejected';

/** An organization as shown to its members and to coordinators. */
export interface Organization {
  id: string;
  name: string;
  kind: OrgKind;
  corporateNumber: string | null;
  status: OrgStatus;
  createdAt: number;
  reviewedAt: number | null;
  reviewNote: string | null;
}

/** A member of an organization. */
export interface OrgMember {
  userId: string;
  displayName: string;
  role: 'owner' | 'member';
  addedAt: number;
}

const ORG_COLUMNS = `id, name, kind, corporate_number AS corporateNumber, status, created_at AS createdAt,
  reviewed_at AS reviewedAt, review_note AS reviewNote`;

function notFound(): ServiceError {
  return new ServiceError(404, 'not_found', 'There is no such organization, or you are not one of its members.');
}

/** The role of a person in an organization, or null. */
export function membershipRole(db: Db, orgId: string, userId: string): 'owner' | 'member' | null {
  return (
    db.get<{ role: 'owner' | 'member' }>('SELECT role FROM org_members WHERE org_id = ? AND user_id = ?', [
      orgId,
      userId,
    ])?.role ?? null
  );
}

/**
 * For later features: throw unless the person is a member of this *verified* organization, so only
 * verified members act for it (post opportunities, placements …). Returns the role.
 */
export function assertActsFor(db: Db, userId: string, orgId: string): 'owner' | 'member' {
  const row = db.get<{ role: 'owner' | 'member'; status: OrgStatus }>(
    `SELECT m.role, o.status FROM org_members m JOIN organizations o ON o.id = m.org_id
     WHERE m.org_id = ? AND m.user_id = ?`,
    [orgId, userId],
  );
  if (!row) throw notFound();
  if (row.status !== 'verified') {
    throw new ServiceError(403, 'organization_not_verified', 'A coordinator has not verified this organization yet.');
  }
  return row.role;
}

/** Register an organization; the registering person becomes its owner and gets the business role. */
export function registerOrganization(
  ctx: ServiceContext,
  auth: AuthState,
  input: { name: string; kind: string; corporateNumber?: string | undefined },
): Organization {
  const corporate = input.corporateNumber ? normaliseCorporateNumber(input.corporateNumber) : '';
  assertNoProblems({
    name: textProblem(input.name, { required: true, max: 200 }),
    kind: (ORG_KINDS as readonly string[]).includes(input.kind) ? null : 'invalid',
    corporateNumber: corporate === '' || isValidCorporateNumber(corporate) ? null : 'corporate_number_invalid',
  });
  const id = generateId();
  ctx.db.transaction(() => {
    ctx.db.run(
      `INSERT INTO organizations (id, name, kind, corporate_number, status, created_by, created_at)
       VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
      [id, input.name.normalize('NFC').trim(), input.kind, corporate || null, auth.user.id, ctx.now],
    );
    ctx.db.run("INSERT INTO org_members (org_id, user_id, role, added_by, added_at) VALUES (?, ?, 'owner', ?, ?)", [
      id,
      auth.user.id,
      auth.user.id,
      ctx.now,
    ]);
    grantRole(ctx.db, auth.user.id, 'business', auth.user.id, ctx.now);
  });
  return getOrganizationRow(ctx.db, id)!;
}

function getOrganizationRow(db: Db, id: string): Organization | undefined {
  return db.get<Organization>(`SELECT ${ORG_COLUMNS} FROM organizations WHERE id = ?`, [id]);
}

/** The organizations I belong to, with my role. */
export function myOrganizations(
  ctx: ServiceContext,
  auth: AuthState,
): (Organization & { myRole: 'owner' | 'member' })[] {
  return ctx.db.all<Organization & { myRole: 'owner' | 'member' }>(
    `SELECT o.id, o.name, o.kind, o.corporate_number AS corporateNumber, o.status, o.created_at AS createdAt,
       o.reviewed_at AS reviewedAt, o.review_note AS reviewNote, m.role AS myRole
     FROM org_members m JOIN organizations o ON o.id = m.org_id WHERE m.user_id = ? ORDER BY o.name`,
    [auth.user.id],
  );
}

/** An organization with its members: for its members, and for coordinators reviewing it. */
export function getOrganization(
  ctx: ServiceContext,
  auth: AuthState,
  orgId: string,
): { organization: Organization; members: OrgMember[]; myRole: 'owner' | 'member' | null } {
  const organization = getOrganizationRow(ctx.db, orgId);
  const myRole = organization ? membershipRole(ctx.db, orgId, auth.user.id) : null;
  const isCoordinator = auth.user.roles.includes('coordinator');
  if (!organization || (!myRole && !isCoordinator)) throw notFound();
  const members = ctx.db.all<OrgMember>(
    `SELECT m.user_id AS userId, u.display_name AS displayName, m.role, m.added_at AS addedAt
     FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = ? ORDER BY m.role DESC, u.display_name`,
    [orgId],
  );
  return { organization, members, myRole };
}

/** The answer to every "add member" request (no enumeration of accounts). */
export const MEMBER_INVITED = {
  status: 'invited',
  message:
    'If this address has an account, it is now a member and was told by e-mail; otherwise we e-mailed an invitation to sign up.',
} as const;

/** Add a member by e-mail (owners of verified organizations). */
export function addMember(
  ctx: ServiceContext,
  auth: AuthState,
  orgId: string,
  input: { email: string },
): typeof MEMBER_INVITED {
  const organization = getOrganizationRow(ctx.db, orgId);
  const role = organization ? membershipRole(ctx.db, orgId, auth.user.id) : null;
  if (!organization || !role) throw notFound();
  if (role !== 'owner') throw new ServiceError(403, 'forbidden', 'Only the owners of the organization add members.');
  if (organization.status !== 'verified') {
    throw new ServiceError(403, 'organization_not_verified', 'A coordinator has not verified this organization yet.');
  }
  assertNoProblems({ email: emailProblem(input.email) });
  enforceRateLimit(ctx.db, RATE_LIMITS.inviteAccount, auth.user.id, ctx.now);
  const email = normaliseEmail(input.email);
  ctx.db.transaction(() => {
    const user = findActiveUserByEmail(ctx.db, email);
    if (user) {
      const added = ctx.db.run(
        "INSERT OR IGNORE INTO org_members (org_id, user_id, role, added_by, added_at) VALUES (?, ?, 'member', ?, ?)",
        [orgId, user.id, auth.user.id, ctx.now],
      ).changes;
      grantRole(ctx.db, user.id, 'business', auth.user.id, ctx.now);
      if (added > 0) {
        enqueueMessage(
          ctx.db,
          {
            userId: user.id,
            recipient: email,
            locale: user.locale,
            kind: 'org_member_added',
            params: {
              name: user.displayName,
              orgName: organization.name,
              link: siteLink(ctx, `/account/organizations/${orgId}`, user.locale),
            },
          },
          ctx.now,
        );
      }
    } else {
      enqueueMessage(
        ctx.db,
        {
          userId: null,
          recipient: email,
          locale: auth.user.locale,
          kind: 'org_invite',
          params: { orgName: organization.name, signUpLink: siteLink(ctx, '/account/sign-up', auth.user.locale) },
        },
        ctx.now,
      );
    }
  });
  return MEMBER_INVITED;
}

/** Remove a member (owners; the last owner cannot be removed). */
export function removeMember(ctx: ServiceContext, auth: AuthState, orgId: string, userId: string): void {
  const role = membershipRole(ctx.db, orgId, auth.user.id);
  if (!role) throw notFound();
  if (role !== 'owner') throw new ServiceError(403, 'forbidden', 'Only the owners of the organization remove members.');
  const target = membershipRole(ctx.db, orgId, userId);
  if (!target) throw new ServiceError(404, 'not_found', 'This person is not a member.');
  if (target === 'owner') {
    const owners = ctx.db.get<{ n: number }>(
      "SELECT count(*) AS n FROM org_members WHERE org_id = ? AND role = 'owner'",
      [orgId],
    )!.n;
    if (owners <= 1) throw new ServiceError(409, 'last_owner', 'An organization keeps at least one owner.');
  }
  ctx.db.run('DELETE FROM org_members WHERE org_id = ? AND user_id = ?', [orgId, userId]);
}

/** Organizations waiting for review (coordinators). */
export function pendingOrganizations(ctx: ServiceContext): (Organization & { registeredBy: string })[] {
  return ctx.db.all<Organization & { registeredBy: string }>(
    `SELECT o.id, o.name, o.kind, o.corporate_number AS corporateNumber, o.status, o.created_at AS createdAt,
       o.reviewed_at AS reviewedAt, o.review_note AS reviewNote, u.display_name AS registeredBy
     FROM organizations o JOIN users u ON u.id = o.created_by WHERE o.status = 'pending' ORDER BY o.created_at`,
  );
}

/** Verify or reject an organization (coordinators); the owners are told by e-mail. */
export function reviewOrganization(
  ctx: ServiceContext,
  auth: AuthState,
  orgId: string,
  input: { decision: 'verify' | 'reject'; note?: string | undefined },
): Organization {
  const organization = getOrganizationRow(ctx.db, orgId);
  if (!organization) throw new ServiceError(404, 'not_found', 'There is no such organization.');
  assertNoProblems({ note: noteProblem(input.note ?? '', 1000) });
  const status: OrgStatus = input.decision === 'verify' ? 'verified' : 'rejected';
  const note = (input.note ?? '').trim();
  ctx.db.transaction(() => {
    ctx.db.run('UPDATE organizations SET status = ?, reviewed_by = ?, reviewed_at = ?, review_note = ? WHERE id = ?', [
      status,
      auth.user.id,
      ctx.now,
      note || null,
      orgId,
    ]);
    recordAudit(
      ctx.db,
      { actorId: auth.user.id, action: 'organization.reviewed', detail: `${orgId}:${status}` },
      ctx.now,
    );
    recordSecurityEvent(
      ctx.db,
      { type: 'organization.reviewed', actorId: auth.user.id, clientIp: ctx.clientIp, detail: `${orgId}:${status}` },
      ctx.now,
    );
    const owners = ctx.db.all<{ id: string; email: string | null; displayName: string; locale: 'ja' | 'en' | 'easy' }>(
      `SELECT u.id, u.email, u.display_name AS displayName, u.locale FROM org_members m JOIN users u ON u.id = m.user_id
       WHERE m.org_id = ? AND m.role = 'owner' AND u.status = 'active'`,
      [orgId],
    );
    for (const owner of owners) {
      if (!owner.email) continue;
      enqueueMessage(
        ctx.db,
        {
          userId: owner.id,
          recipient: owner.email,
          locale: owner.locale,
          kind: 'org_reviewed',
          params: { name: owner.displayName, orgName: organization.name, verified: status === 'verified', note },
        },
        ctx.now,
      );
    }
  });
  return getOrganizationRow(ctx.db, orgId)!;
}
