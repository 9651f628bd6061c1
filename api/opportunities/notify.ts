/**
 * Messages about sign-ups (confirmed, waitlisted, promoted from the waitlist, reminder), written to
 * the outbox in the same transaction as the change, in the recipient's language, with the real
 * content (what, when, where, what to bring, links). A resident without e-mail (registered by a
 * coordinator) is reached through the supporters who have an address.
 */
import { siteLink } from '../auth/service.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { type ApiLocale, translate } from '../lib/i18n.ts';
import { formatShift } from './format.ts';
import { placesById } from './places.ts';
import type { OpportunityRecord, ShiftRecord } from './repository.ts';

/** Kinds of sign-up message. */
export type SignupMessageKind = 'confirmed' | 'waitlisted' | 'promoted' | 'reminder';

interface Recipient {
  userId: string;
  email: string;
  locale: ApiLocale;
  name: string;
  /** Set when the message goes to a supporter on behalf of this person. */
  forName: string | null;
}

function recipientsOf(db: Db, userId: string): Recipient[] {
  const person = db.get<{ email: string | null; locale: ApiLocale; name: string; status: string }>(
    'SELECT email, locale, display_name AS name, status FROM users WHERE id = ?',
    [userId],
  );
  if (!person || person.status !== 'active') return [];
  if (person.email) return [{ userId, email: person.email, locale: person.locale, name: person.name, forName: null }];
  return db
    .all<{ id: string; email: string; locale: ApiLocale; name: string }>(
      `SELECT u.id, u.email, u.locale, u.display_name AS name FROM support_relations r JOIN users u ON u.id = r.supporter_id
       WHERE r.resident_id = ? AND u.email IS NOT NULL AND u.status = 'active' ORDER BY r.created_at`,
      [userId],
    )
    .map((s) => ({ userId: s.id, email: s.email, locale: s.locale, name: s.name, forName: person.name }));
}

/** The place of an opportunity in words. */
export function placeText(opportunity: Pick<OpportunityRecord, 'placeId' | 'address'>, locale: ApiLocale): string {
  const place = opportunity.placeId ? placesById().get(opportunity.placeId) : undefined;
  if (place) return locale === 'en' ? place.name.en : place.name.ja;
  return opportunity.address ?? '';
}

/** The organizer's name in words. */
export function organizerText(opportunity: Pick<OpportunityRecord, 'orgName'>, locale: ApiLocale): string {
  return opportunity.orgName ?? translate(locale, 'opportunities.organizer.shakyo');
}

/** What a message says about the opportunity. */
export type MessageOpportunity = Pick<
  OpportunityRecord,
  'id' | 'title' | 'placeId' | 'address' | 'orgName' | 'whatToBring'
>;

/** The parts of a message that are the same for everyone (all but the name). */
type SharedParams = Record<'title' | 'when' | 'place' | 'organizer' | 'bring' | 'link' | 'mineLink', string>;

/**
 * Message parts already worked out, by opportunity, shift times and language. Valid while the
 * opportunity does not change: the group commit (batch.ts) keeps one per transaction.
 */
export type SignupMessageCache = Map<string, SharedParams>;

function sharedParams(
  config: Config,
  locale: ApiLocale,
  opportunity: MessageOpportunity,
  shift: Pick<ShiftRecord, 'startsAt' | 'endsAt'>,
): SharedParams {
  return {
    title: opportunity.title,
    when: formatShift(locale, shift.startsAt, shift.endsAt),
    place: placeText(opportunity, locale) || translate(locale, 'opportunities.mail.placeUnknown'),
    organizer: organizerText(opportunity, locale),
    bring: opportunity.whatToBring || translate(locale, 'opportunities.mail.nothingToBring'),
    link: siteLink({ config }, `/opportunities/${opportunity.id}`, locale),
    mineLink: siteLink({ config }, '/opportunities/mine', locale),
  };
}

/** Put a sign-up message for `userId` into the outbox; returns how many messages were written. */
export function enqueueSignupMessage(
  db: Db,
  config: Config,
  kind: SignupMessageKind,
  userId: string,
  opportunity: MessageOpportunity,
  shift: Pick<ShiftRecord, 'startsAt' | 'endsAt'>,
  now: number,
  cache?: SignupMessageCache,
): number {
  let written = 0;
  for (const to of recipientsOf(db, userId)) {
    const t = (key: string, params?: Record<string, string | number>) => translate(to.locale, key, params);
    const key = `${opportunity.id}:${shift.startsAt}:${shift.endsAt}:${to.locale}`;
    let shared = cache?.get(key);
    if (!shared) {
      shared = sharedParams(config, to.locale, opportunity, shift);
      cache?.set(key, shared);
    }
    const params = { name: to.name, ...shared };
    const subject = t(`opportunities.mail.${kind}.subject`, params);
    const intro = to.forName ? t('opportunities.mail.forResident', { resident: to.forName }) : '';
    const body = `${intro}${t(`opportunities.mail.${kind}.body`, params)}${t('opportunities.mail.signature')}`;
    db.run(
      `INSERT INTO outbox (user_id, channel, recipient, kind, locale, subject, body, created_at, next_attempt_at)
       VALUES (?, 'email', ?, ?, ?, ?, ?, ?, ?)`,
      [to.userId, to.email, `opportunity_${kind}`, to.locale, subject, body, now, now],
    );
    written++;
  }
  return written;
}
