/**
 * Delivery of the outbox by SMTP (nodemailer) when SMTP_URL is set: a loop that sends due messages,
 * records each error, and retries with exponential backoff (1 min, 2, 4 … capped at 6 hours, at
 * most 8 attempts). Messages are taken from the database, so a restart loses nothing.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { log } from '../lib/log.ts';
import { dueMessages, markFailed, markSent, purgeDelivered } from './outbox.ts';

/** Attempts before a message is given up (it stays in the outbox with its last error). */
export const MAX_ATTEMPTS = 8;

/** Seconds to wait after the n-th failed attempt (n ≥ 1). */
export function backoffSeconds(attempts: number): number {
  return Math.min(6 * 60 * 60, 60 * 2 ** Math.max(0, attempts - 1));
}

/** What sends one e-mail (nodemailer's transport, or a test double). */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

/** A nodemailer SMTP transport from an smtp:// or smtps:// URL. */
export function smtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport(smtpUrl);
}

/**
 * Send every due message once. Returns how many were sent and how many failed.
 * Errors are recorded on the message; the log gets only the id and the error (never the address).
 */
export async function deliverDue(
  db: Db,
  transport: MailTransport,
  options: { from: string; now: () => number },
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const message of dueMessages(db, options.now(), MAX_ATTEMPTS)) {
    try {
      await transport.sendMail({
        from: options.from,
        to: message.recipient,
        subject: message.subject,
        text: message.body,
      });
      markSent(db, message.id, options.now());
      sent++;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      markFailed(db, message.id, text, options.now() + backoffSeconds(message.attempts + 1));
      log.warn('mail delivery failed', {
        outboxId: message.id,
        attempt: message.attempts + 1,
        error: text.slice(0, 200),
      });
      failed++;
    }
  }
  return { sent, failed };
}

/** A running delivery loop. */
export interface DeliveryLoop {
  /** Run one round now (tests, or right after enqueueing). */
  runOnce(): Promise<{ sent: number; failed: number }>;
  stop(): void;
}

/** Start delivering every `intervalMs` (default 10 s). Only one round runs at a time. */
export function startDelivery(
  db: Db,
  config: Pick<Config, 'mailFrom'>,
  transport: MailTransport,
  options: { intervalMs?: number; now?: () => number } = {},
): DeliveryLoop {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  let running: Promise<{ sent: number; failed: number }> | null = null;
  const runOnce = () => {
    running ??= deliverDue(db, transport, { from: config.mailFrom, now })
      .then((result) => {
        purgeDelivered(db, now());
        return result;
      })
      .catch((error: unknown) => {
        log.error('mail delivery round failed', { error: String(error) });
        return { sent: 0, failed: 0 };
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void runOnce(), options.intervalMs ?? 10_000);
  timer.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}
