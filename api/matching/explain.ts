/**
 * Match reasons in words, from the locale files (keys `matching.*`):
 * 「あなたの地区から約2.1km」「土曜の午前に参加できます」 …
 */
import type { MatchReason } from './rank.ts';

/** A translator: key + params → text (the site's `t` or the API's `translate`, bound to a locale). */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * One reason as a sentence.
 * @param label turns a category or skill code into its name in the same locale.
 */
export function explainReason(reason: MatchReason, t: Translate, label: (code: string) => string = (c) => c): string {
  switch (reason.code) {
    case 'distance':
      return reason.km < 1 ? t('matching.reason.near') : t('matching.reason.distance', { km: formatKm(reason.km) });
    case 'schedule':
      return t('matching.reason.schedule', {
        weekday: t(`matching.weekday.${reason.weekday}`),
        part: t(`matching.part.${reason.part}`),
      });
    case 'interest':
      return t('matching.reason.interest', { category: label(reason.category) });
    case 'skill':
      return t('matching.reason.skill', { skill: label(reason.skill) });
    case 'seatsLeft':
      return t('matching.reason.seatsLeft', { seats: reason.seats });
  }
}

function formatKm(km: number): string {
  return km < 10 ? km.toFixed(1).replace(/\.0$/, '') : String(Math.round(km));
}
