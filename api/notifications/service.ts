/**
 * Reading the outbox (admins and coordinators), for when no SMTP server is configured: they pass
 * messages on by hand in a small pilot, and developers read them. Every read is audited per
 * recipient: one `outbox.read` entry about each person whose messages were shown (detail: the
 * message ids), so the person's own "who read my data" lists it; messages to an address without
 * an account share one entry without a subject. In
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
  const messages = listOutbox(ctx.db);
  const byRecipient = new Map<string | null, number[]>();
  for (const message of [...messages].reverse()) {
    byRecipient.set(message.userId, [...(byRecipient.get(message.userId) ?? []), message.id]);
  }
  ctx.db.transaction(() => {
    for (const [userId, ids] of byRecipient) {
      recordAudit(
        ctx.db,
        { actorId: auth.user.id, action: 'outbox.read', subjectId: userId, detail: `messages:${ids.join(',')}` },
        ctx.now,
      );
    }
  });
  const mask = ctx.config.env === 'production';
  return messages.map((message) =>
    mask && SECRET_BEARING_KINDS.includes(message.kind)
      ? { ...message, body: '', masked: true }
      : { ...message, masked: false },
  );
}
