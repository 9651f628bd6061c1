/**
 * Reading the outbox (admins and coordinators), for when no SMTP server is configured: they pass
 * messages on by hand in a small pilot, and developers read them. Every read is audited. In
 * production the bodies of messages carrying a one-time sign-in secret (verification and reset
 * links) are masked, so staff can never take over an account from this page.
 */
import type { AuthState } from '../auth/service.ts';
import type { ServiceContext } from '../lib/service-context.ts';
import { recordAudit } from '../privacy/audit.ts';
import { listOutbox, type OutboxMessage } from './outbox.ts';

/** Kinds whose body holds a secret link. */
export const SECRET_BEARING_KINDS: readonly string[] = ['verify_email', 'password_reset'];

/** The outbox as shown on the outbox page. */
export function readOutbox(ctx: ServiceContext, auth: AuthState): (OutboxMessage & { masked: boolean })[] {
  recordAudit(ctx.db, { actorId: auth.user.id, action: 'outbox.read' }, ctx.now);
  const mask = ctx.config.env === 'production';
  return listOutbox(ctx.db).map((message) =>
    mask && SECRET_BEARING_KINDS.includes(message.kind)
      ? { ...message, body: '', masked: true }
      : { ...message, masked: false },
  );
}
