/**
 * Background jobs of the accounts feature, started with the runtime: hourly housekeeping (expired
 * sessions, tokens, rate-limit counters and security events past their retention) and, when SMTP_URL is set, the outbox delivery loop.
 */
import { deleteExpiredSessions } from '../auth/session.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { log } from '../lib/log.ts';
import { deleteExpiredRateLimits } from '../middleware/rate-limit.ts';
import { purgeOldSecurityEvents } from '../privacy/security-events.ts';
import { type DeliveryLoop, smtpTransport, startDelivery } from '../notifications/delivery.ts';

/** Delete what has expired; returns the counts. */
export function housekeeping(
  db: Db,
  now: number,
): { sessions: number; tokens: number; rateLimits: number; securityEvents: number } {
  return {
    sessions: deleteExpiredSessions(db, now),
    tokens: db.run('DELETE FROM auth_tokens WHERE expires_at <= ?', [now]).changes,
    rateLimits: deleteExpiredRateLimits(db, now),
    securityEvents: purgeOldSecurityEvents(db, now),
  };
}

/** Start the jobs; returns a function that stops them. */
export function startAccountJobs(db: Db, config: Config): () => void {
  const now = () => Math.floor(Date.now() / 1000);
  const clean = () => {
    try {
      housekeeping(db, now());
    } catch (error) {
      log.warn('housekeeping failed', { error: String(error) });
    }
  };
  const timer = setInterval(clean, 60 * 60 * 1000);
  timer.unref();
  let delivery: DeliveryLoop | null = null;
  if (config.smtpUrl) {
    delivery = startDelivery(db, config, smtpTransport(config.smtpUrl));
    log.info('mail delivery started');
  }
  return () => {
    clearInterval(timer);
    delivery?.stop();
  };
}
