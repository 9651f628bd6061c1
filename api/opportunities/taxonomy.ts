/**
 * Codes of the opportunities' taxonomy. Categories are shared with the places (content/places
 * README: salon, kayoinoba, kodomo-shokudo, ibasho) and the welfare topics (content/welfare:
 * mimamori, idou, saigai, kosodate, kaigo, shogai), plus two activity kinds of their own. Labels
 * are UI strings (`opportunities.category.<code>`, `opportunities.skill.<code>` …).
 */

/** Activity categories. */
export const CATEGORIES = [
  'salon',
  'kayoinoba',
  'kodomo-shokudo',
  'ibasho',
  'mimamori',
  'idou',
  'saigai',
  'kosodate',
  'kaigo',
  'shogai',
  'kankyo',
  'event',
] as const;
/** A category code. */
export type Category = (typeof CATEGORIES)[number];

/** Skills an opportunity may want and a volunteer may offer. */
export const SKILLS = [
  'driving',
  'cooking',
  'it',
  'carpentry',
  'music',
  'childcare',
  'first-aid',
  'english',
  'listening',
  'gardening',
] as const;

/** Qualifications an opportunity may require. */
export const QUALIFICATIONS = ['driving-licence', 'first-aid-course', 'care-training', 'food-hygiene'] as const;

/** Languages a volunteer may speak. */
export const LANGUAGES = ['ja', 'en', 'zh', 'ko', 'vi', 'tl', 'jsl'] as const;

/** Opportunity states. */
export const OPPORTUNITY_STATUSES = ['draft', 'published', 'closed'] as const;
/** An opportunity state. */
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

/** Keep only known codes, without duplicates, in the list's order. */
export function knownCodes(values: readonly string[], codes: readonly string[]): string[] {
  return [...new Set(values.filter((value) => codes.includes(value)))];
}

/** Whether every value is a known code. */
export function allKnown(values: readonly string[], codes: readonly string[]): boolean {
  return values.every((value) => codes.includes(value));
}
