import { describe, expect, it } from 'vitest';
import { translate } from '../lib/i18n.ts';
import { explainReason } from './explain.ts';
import { distanceKm } from './geo.ts';
import {
  type Match,
  type OpportunityForMatching,
  rankOpportunities,
  type ShiftForMatching,
  type VolunteerForMatching,
} from './rank.ts';
import { dayPartOf, jstWeekdayHour } from './time.ts';

/** Unix seconds of a Japan-time wall clock `YYYY-MM-DD HH:MM`. */
const jst = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}:00+09:00`) / 1000;
const NOW = jst('2026-12-01 09:00'); // a Tuesday
const MAMEDA: [number, number] = [130.937024, 33.327597]; // 豆田町
const MIYOSHI: [number, number] = [130.945261, 33.307337]; // 下井手町 (三芳), ≈ 2.4 km from 豆田
const AMAGASE: [number, number] = [131.020345, 33.24585]; // 天瀬町桜竹, ≈ 12 km

const volunteer: VolunteerForMatching = {
  homePoint: MAMEDA,
  maxTravelKm: 15,
  availability: [
    { weekday: 6, part: 'morning' },
    { weekday: 3, part: 'evening' },
  ],
  interests: ['mimamori'],
  skills: ['driving', 'cooking'],
  qualifications: [],
  age: 70,
};

let nextShiftId = 1;
const shift = (start: string, hours = 2, capacity = 5, confirmed = 0): ShiftForMatching => ({
  id: nextShiftId++,
  startsAt: jst(start),
  endsAt: jst(start) + hours * 3600,
  capacity,
  confirmed,
});
const opportunity = (id: number, patch: Partial<OpportunityForMatching> = {}): OpportunityForMatching => ({
  id,
  category: 'salon',
  skills: [],
  point: MIYOSHI,
  minAge: null,
  qualifications: [],
  shifts: [shift('2026-12-05 10:00')], // Saturday morning
  ...patch,
});
const rank = (opportunities: OpportunityForMatching[], who: Partial<VolunteerForMatching> = {}) =>
  rankOpportunities({ ...volunteer, ...who }, opportunities, { now: NOW });
const ids = (matches: Match[]) => matches.map((m) => m.opportunityId);

describe('hard filters', () => {
  it.each<[string, boolean, Partial<OpportunityForMatching>, Partial<VolunteerForMatching>]>([
    ['no requirements', true, {}, {}],
    ['minimum age met', true, { minAge: 18 }, {}],
    ['too young', false, { minAge: 18 }, { age: 16 }],
    ['age unknown when a minimum applies', false, { minAge: 18 }, { age: null }],
    ['missing qualification', false, { qualifications: ['first-aid'] }, {}],
    ['has the qualification', true, { qualifications: ['first-aid'] }, { qualifications: ['first-aid'] }],
    ['every shift full', false, { shifts: [shift('2026-12-05 10:00', 2, 3, 3)] }, {}],
    ['one seat left', true, { shifts: [shift('2026-12-05 10:00', 2, 3, 2)] }, {}],
    ['shift already started', false, { shifts: [shift('2026-12-01 08:00')] }, {}],
    ['shift beyond 60 days', false, { shifts: [shift('2027-02-15 10:00')] }, {}],
    ['no shifts', false, { shifts: [] }, {}],
    ['farther than the person travels', false, { point: AMAGASE }, { maxTravelKm: 5 }],
    ['far but no limit given', true, { point: AMAGASE }, { maxTravelKm: null }],
    ['no place to measure from', true, { point: null }, { maxTravelKm: 1 }],
    [
      'outside the weekly availability still listed (schedule scores 0)',
      true,
      { shifts: [shift('2026-12-07 10:00')] },
      {},
    ],
  ])('%s → included: %s', (_label, included, patch, who) => {
    expect(ids(rank([opportunity(1, patch)], who))).toEqual(included ? [1] : []);
  });
});

describe('scores and reasons', () => {
  it('explains distance, schedule, interest and skills', () => {
    const [match] = rank([opportunity(1, { category: 'mimamori', skills: ['driving', 'carpentry'] })]);
    expect(match?.reasons).toEqual([
      { code: 'distance', km: expect.closeTo(2.3, 0) as number },
      { code: 'schedule', weekday: 6, part: 'morning' },
      { code: 'interest', category: 'mimamori' },
      { code: 'skill', skill: 'driving' },
    ]);
    // 0.35·(1 − 2.3/15) + 0.35·1 + 0.3·((1 + 1/2) / 2)
    expect(match?.score).toBeCloseTo(0.35 * (1 - (match?.reasons[0] as { km: number }).km / 15) + 0.35 + 0.3 * 0.75, 2);
  });

  it.each<[string, OpportunityForMatching[], number[]]>([
    ['closer first when all else is equal', [opportunity(1, { point: AMAGASE }), opportunity(2)], [2, 1]],
    [
      'a shift that fits the week beats one that does not',
      [
        opportunity(1, { shifts: [shift('2026-12-07 10:00')] }),
        opportunity(2, { shifts: [shift('2026-12-05 10:00')] }),
      ],
      [2, 1],
    ],
    ['interest counts', [opportunity(1), opportunity(2, { category: 'mimamori' })], [2, 1]],
    [
      'ties go to the sooner shift',
      [
        opportunity(1, { shifts: [shift('2026-12-12 10:00')] }),
        opportunity(2, { shifts: [shift('2026-12-05 10:00')] }),
      ],
      [2, 1],
    ],
  ])('%s', (_label, opportunities, expected) => {
    expect(ids(rank(opportunities))).toEqual(expected);
  });

  it.each<[string, string, number, boolean]>([
    ['Saturday 10:00–12:00 (morning)', '2026-12-05 10:00', 2, true],
    ['Saturday 11:00–14:00 runs past the morning', '2026-12-05 11:00', 3, false],
    ['Wednesday 18:00–20:00 (evening)', '2026-12-02 18:00', 2, true],
    ['Wednesday 13:00 (afternoon, not free)', '2026-12-02 13:00', 2, false],
    ['Saturday 23:00 (night)', '2026-12-05 23:00', 1, false],
  ])('schedule fit: %s → %s', (_label, start, hours, fits) => {
    const [match] = rank([opportunity(1, { shifts: [shift(start, hours)] })]);
    expect(match?.reasons.some((r) => r.code === 'schedule')).toBe(fits);
  });

  it('lists fitting shifts first, then the rest by date, and warns when few seats are left', () => {
    const later = shift('2026-12-14 10:00', 2, 10, 2); // a Monday: not in the person's week
    const sooner = shift('2026-12-03 13:00', 2, 10, 8);
    const fitting = shift('2026-12-05 10:00', 2, 10, 9);
    const [match] = rank([opportunity(1, { shifts: [later, sooner, fitting] })]);
    expect(match?.shiftIds).toEqual([fitting.id, sooner.id, later.id]);
    expect(match?.reasons).toContainEqual({ code: 'seatsLeft', seats: 1 });
  });

  it('respects the limit', () => {
    expect(
      rankOpportunities(volunteer, [opportunity(1), opportunity(2), opportunity(3)], { now: NOW, limit: 2 }),
    ).toHaveLength(2);
  });
});

describe('reasons in words', () => {
  const ja = (key: string, params?: Record<string, string | number>) => translate('ja', key, params);
  const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);
  it.each([
    [{ code: 'distance', km: 2.1 } as const, 'あなたの地区から約2.1km', 'About 2.1 km from your area'],
    [{ code: 'distance', km: 12.4 } as const, 'あなたの地区から約12km', 'About 12 km from your area'],
    [{ code: 'distance', km: 0.4 } as const, 'あなたの地区のすぐ近くです', 'Very close to your area'],
    [
      { code: 'schedule', weekday: 6, part: 'morning' } as const,
      '土曜の午前に参加できます',
      'You are free on Saturday mornings',
    ],
    [{ code: 'seatsLeft', seats: 2 } as const, '残りあと2人です', 'Only 2 places left'],
  ])('%o', (reason, japanese, english) => {
    expect(explainReason(reason, ja)).toBe(japanese);
    expect(explainReason(reason, en)).toBe(english);
  });
});

describe('time and distance helpers', () => {
  it.each([
    ['2026-11-29 00:00', 0, 0],
    ['2026-12-05 10:30', 6, 10],
    ['2026-12-31 23:59', 4, 23],
  ])('%s JST is weekday %i, hour %i', (wall, weekday, hour) => {
    expect(jstWeekdayHour(jst(wall))).toEqual({ weekday, hour });
  });
  it.each([
    [4, null],
    [5, 'morning'],
    [12, 'afternoon'],
    [17, 'evening'],
    [22, null],
  ])('hour %i is %s', (hour, part) => {
    expect(dayPartOf(hour)).toBe(part);
  });
  it('measures 豆田町 → 天瀬町桜竹 as about 11–13 km', () => {
    expect(distanceKm(MAMEDA, AMAGASE)).toBeGreaterThan(11);
    expect(distanceKm(MAMEDA, AMAGASE)).toBeLessThan(13);
    expect(distanceKm(MAMEDA, MAMEDA)).toBe(0);
  });
});
