/**
 * Administration: granting and revoking roles (coordinator, admin …) by e-mail, the audit log and
 * the security events.
 * Admins manage roles and read the audit trail; they do not read residents' records (least privilege).
 */
import type { AuthState } from '../auth/service.ts';
import { isRole, type Role } from '../auth/roles.ts';
import { emailProblem, normaliseEmail } from '../auth/validation.ts';
import type { ServiceContext } from '../lib/service-context.ts';
import { assertNoProblems, ServiceError } from '../lib/service-error.ts';
import { type AuditEntry, recentAudit, recordAudit } from '../privacy/audit.ts';
import {
  recentSecurityEvents,
  recordSecurityEvent,
  type SecurityEvent,
  type SecurityEventType,
} from '../privacy/security-events.ts';
import { invalidateUserSessions } from '../auth/session.ts';
import { findActiveUserByEmail, grantRole, revokeRole } from './repository.ts';

/** Grant or revoke a role of the person with this e-mail address. */
export function changeRole(
  ctx: ServiceContext,
  auth: AuthState,
  input: { email: string; role: string; action: 'grant' | 'revoke' },
): { userId: string; role: Role; changed: boolean } {
  assertNoProblems({ email: emailProblem(input.email), role: isRole(input.role) ? null : 'invalid' });
  const role = input.role as Role;
  const user = findActiveUserByEmail(ctx.db, normaliseEmail(input.email));
  if (!user) throw new ServiceError(404, 'not_found', 'There is no active account with this e-mail address.');
  if (input.action === 'revoke' && role === 'admin' && user.id === auth.user.id) {
    throw new ServiceError(409, 'last_admin', 'You cannot remove your own admin role.');
  }
  return ctx.db.transaction(() => {
    const changed =
      input.action === 'grant'
        ? grantRole(ctx.db, user.id, role, auth.user.id, ctx.now)
        : revokeRole(ctx.db, user.id, role);
    if (changed) {
      recordAudit(
        ctx.db,
        {
          actorId: auth.user.id,
          action: input.action === 'grant' ? 'role.granted' : 'role.revoked',
          subjectId: user.id,
          detail: role,
        },
        ctx.now,
      );
      recordSecurityEvent(
        ctx.db,
        {
          type: input.action === 'grant' ? 'role.granted' : 'role.revoked',
          userId: user.id,
          actorId: auth.user.id,
          clientIp: ctx.clientIp,
          detail: role,
        },
        ctx.now,
      );
    }
    return { userId: user.id, role, changed };
  });
}

/** The newest audit entries, with actor names (admins). Reading it is itself audited. */
export function readAuditLog(ctx: ServiceContext, auth: AuthState): (AuditEntry & { actorName: string | null })[] {
  recordAudit(ctx.db, { actorId: auth.user.id, action: 'audit.read' }, ctx.now);
  const names = new Map(
    ctx.db.all<{ id: string; name: string }>('SELECT id, display_name AS name FROM users').map((r) => [r.id, r.name]),
  );
  return recentAudit(ctx.db).map((entry) => ({
    ...entry,
    actorName: entry.actorId ? (names.get(entry.actorId) ?? null) : null,
  }));
}

/** The newest security events (admins), optionally of one type; reading them is itself an event. */
export function readSecurityEvents(
  ctx: ServiceContext,
  auth: AuthState,
  filter: { type?: SecurityEventType | undefined; limit?: number | undefined },
): SecurityEvent[] {
  const events = recentSecurityEvents(ctx.db, filter);
  recordSecurityEvent(
    ctx.db,
    { type: 'security_events.read', userId: auth.user.id, clientIp: ctx.clientIp, detail: filter.type ?? null },
    ctx.now,
  );
  return events;
}

/** End every session of the person with this e-mail address (a lost phone, a departed staff member). */
export function endSessionsOf(ctx: ServiceContext, auth: AuthState, input: { email: string }): { ended: number } {
  assertNoProblems({ email: emailProblem(input.email) });
  const user = findActiveUserByEmail(ctx.db, normaliseEmail(input.email));
  if (!user) throw new ServiceError(404, 'not_found', 'There is no active account with this e-mail address.');
  return ctx.db.transaction(() => {
    const ended = invalidateUserSessions(ctx.db, user.id);
    recordAudit(
      ctx.db,
      { actorId: auth.user.id, action: 'sessions.ended_by_admin', subjectId: user.id, detail: String(ended) },
      ctx.now,
    );
    recordSecurityEvent(
      ctx.db,
      {
        type: 'sessions.revoked',
        userId: user.id,
        actorId: auth.user.id,
        clientIp: ctx.clientIp,
        detail: `by_admin:${ended}`,
      },
      ctx.now,
    );
    return { ended };
  });
}
