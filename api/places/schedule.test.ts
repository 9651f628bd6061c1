/**
 * Recurrence across public holidays, month ends and 5th-week rules, in Japan time; and the
 * natural-language rendering of schedules.
 */
import { describe, expect, it } from 'vitest';
import {
  isPublicHoliday,
  isSupportedRule,
  nextOccurrences,
  occurrencesInMonth,
  parseRule,
  type Schedule,
  skippedHolidays,
  UnsupportedRuleError,
  weekdayMask,
} from './schedule.ts';
import { describeSchedule, formatDate, formatOccurrence } from './schedule-text.ts';

const schedule = (rrule: string, extra: Partial<Schedule> = {}): Schedule => ({
  activity: { ja: 'サロン', en: 'Salon' },
  rrule,
  start: '10:00',
  end: '12:00',
  skipHolidays: true,
  startDate: '2026-04-01',
  ...extra,
});
/** An instant given in Japan time. */
const jst = (local: string) => new Date(`${local}+09:00`);
const dates = (list: { date: string }[]) => list.map((o) => o.date);

describe('recurrence', () => {
  it('skips a 2nd-Monday gathering that falls on 成人の日 and moves on to the next month', () => {
    expect(isPublicHoliday('2027-01-11')).toBe(true); // 成人の日 = 2nd Monday of January
    const rule = schedule('FREQ=MONTHLY;BYDAY=+2MO');
    expect(dates(nextOccurrences(rule, jst('2026-12-20T09:00:00')))).toEqual([
      '2027-02-08',
      '2027-03-08',
      '2027-04-12',
    ]);
    expect(dates(skippedHolidays(rule, jst('2026-12-20T00:00:00'), jst('2027-02-01T00:00:00')))).toEqual([
      '2027-01-11',
    ]);
    const kept = schedule('FREQ=MONTHLY;BYDAY=+2MO', { skipHolidays: false });
    expect(dates(nextOccurrences(kept, jst('2026-12-20T09:00:00')))).toEqual([
      '2027-01-11',
      '2027-02-08',
      '2027-03-08',
    ]);
  });

  it('finds the last Saturday across month and year ends', () => {
    const rule = schedule('FREQ=MONTHLY;BYDAY=-1SA', { start: '11:00', end: '14:00', skipHolidays: false });
    // 2026-10-31 is itself the last Saturday: after it has ended, the next ones follow.
    expect(dates(nextOccurrences(rule, jst('2026-10-31T15:00:00')))).toEqual([
      '2026-11-28',
      '2026-12-26',
      '2027-01-30',
    ]);
    // While it is under way it still counts as "next".
    expect(dates(nextOccurrences(rule, jst('2026-10-31T12:00:00')))[0]).toBe('2026-10-31');
    // February 2027 has 28 days: its last Saturday is the 27th.
    expect(dates(occurrencesInMonth(rule, '2027-02'))).toEqual(['2027-02-27']);
  });

  it('uses only months that have a 5th weekday, and skips 昭和の日 on a 5th Thursday', () => {
    const rule = schedule('FREQ=MONTHLY;BYDAY=+5TH');
    expect(dates(nextOccurrences(rule, jst('2026-11-01T00:00:00')))).toEqual([
      '2026-12-31',
      '2027-07-29',
      '2027-09-30',
    ]);
    const kept = schedule('FREQ=MONTHLY;BYDAY=+5TH', { skipHolidays: false });
    expect(dates(nextOccurrences(kept, jst('2026-11-01T00:00:00')))).toEqual([
      '2026-12-31',
      '2027-04-29',
      '2027-07-29',
    ]);
  });

  it('gives instants in Japan time whatever the clock of the machine', () => {
    const [first] = nextOccurrences(schedule('FREQ=WEEKLY;BYDAY=TU,FR'), jst('2026-12-01T00:00:00'));
    expect(first?.date).toBe('2026-12-01');
    expect(first?.weekday).toBe('TU');
    expect(first?.startsAt.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(first?.endsAt.toISOString()).toBe('2026-12-01T03:00:00.000Z');
    // A day that is still Monday in UTC but already Tuesday in Japan.
    const late = nextOccurrences(
      schedule('FREQ=WEEKLY;BYDAY=TU', { start: '07:00', end: '08:00' }),
      jst('2026-12-01T06:00:00'),
    );
    expect(late[0]?.startsAt.toISOString()).toBe('2026-11-30T22:00:00.000Z');
    expect(late[0]?.date).toBe('2026-12-01');
  });

  it('lists weekly occurrences of a month without the holidays', () => {
    // November 2026: 文化の日 (Tue 3rd) and 勤労感謝の日 (Mon 23rd).
    const rule = schedule('FREQ=WEEKLY;BYDAY=MO,TU');
    expect(dates(occurrencesInMonth(rule, '2026-11'))).toEqual([
      '2026-11-02',
      '2026-11-09',
      '2026-11-10',
      '2026-11-16',
      '2026-11-17',
      '2026-11-24',
      '2026-11-30',
    ]);
  });

  it('starts no earlier than the start date and stops after the end date', () => {
    const rule = schedule('FREQ=WEEKLY;BYDAY=WE', { startDate: '2026-12-10', endDate: '2026-12-31' });
    expect(dates(nextOccurrences(rule, jst('2026-12-01T00:00:00'), 5))).toEqual([
      '2026-12-16',
      '2026-12-23',
      '2026-12-30',
    ]);
  });

  it('supports every other week and days of the month', () => {
    const fortnightly = schedule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', { startDate: '2026-11-02', skipHolidays: false });
    expect(dates(nextOccurrences(fortnightly, jst('2026-11-01T00:00:00')))).toEqual([
      '2026-11-02',
      '2026-11-16',
      '2026-11-30',
    ]);
    const monthDay = schedule('FREQ=MONTHLY;BYMONTHDAY=15', { skipHolidays: false });
    expect(dates(nextOccurrences(monthDay, jst('2026-11-20T00:00:00')))).toEqual([
      '2026-12-15',
      '2027-01-15',
      '2027-02-15',
    ]);
  });
});

describe('rules', () => {
  it('accepts the supported shapes and rejects the rest', () => {
    for (const ok of [
      'FREQ=WEEKLY;BYDAY=TU,FR',
      'FREQ=MONTHLY;BYDAY=+2TU',
      'FREQ=MONTHLY;BYDAY=-1SA',
      'FREQ=MONTHLY;BYMONTHDAY=1',
    ]) {
      expect(isSupportedRule(ok), ok).toBe(true);
    }
    for (const bad of [
      'FREQ=YEARLY;BYMONTH=1',
      'FREQ=DAILY',
      'FREQ=MONTHLY;BYDAY=TU',
      'FREQ=MONTHLY;BYDAY=+2TU;COUNT=3',
      'FREQ=WEEKLY;INTERVAL=3;BYDAY=MO',
      'FREQ=MONTHLY;BYMONTHDAY=31',
      'nonsense',
    ]) {
      expect(isSupportedRule(bad), bad).toBe(false);
    }
    expect(() => parseRule('FREQ=DAILY')).toThrow(UnsupportedRuleError);
  });

  it('computes the weekday mask used for filtering', () => {
    expect(weekdayMask('FREQ=WEEKLY;BYDAY=MO,FR')).toBe(0b0010001);
    expect(weekdayMask('FREQ=MONTHLY;BYDAY=-1SU')).toBe(0b1000000);
    expect(weekdayMask('FREQ=MONTHLY;BYMONTHDAY=10')).toBe(0b1111111);
  });
});

describe('natural language', () => {
  it('writes schedules in Japanese, English and やさしい日本語', () => {
    const second = schedule('FREQ=MONTHLY;BYDAY=+2TU');
    expect(describeSchedule(second, 'ja')).toBe('毎月第2火曜 10:00〜12:00（祝日は休み）');
    expect(describeSchedule(second, 'en')).toBe('2nd Tuesday of every month, 10:00–12:00 (not on public holidays)');
    expect(describeSchedule(second, 'easy')).toBe('毎月 2回目の 火曜日 10:00から 12:00まで（祝日は お休み）');
    const weekly = schedule('FREQ=WEEKLY;BYDAY=TU,FR', { start: '09:30', end: '10:30', skipHolidays: false });
    expect(describeSchedule(weekly, 'ja')).toBe('毎週火・金曜 9:30〜10:30');
    expect(describeSchedule(weekly, 'en')).toBe('Every Tuesday and Friday, 9:30–10:30');
    expect(describeSchedule(weekly, 'easy')).toBe('毎週 火曜日と 金曜日 9:30から 10:30まで');
    const last = schedule('FREQ=MONTHLY;BYDAY=-1SA', { skipHolidays: false });
    expect(describeSchedule(last, 'ja')).toBe('毎月最終土曜 10:00〜12:00');
    expect(describeSchedule(last, 'en')).toBe('Last Saturday of every month, 10:00–12:00');
    const twice = schedule('FREQ=MONTHLY;BYDAY=+3WE,+1WE', { skipHolidays: false });
    expect(describeSchedule(twice, 'ja')).toBe('毎月第1・第3水曜 10:00〜12:00');
    expect(describeSchedule(twice, 'en')).toBe('1st and 3rd Wednesday of every month, 10:00–12:00');
    expect(describeSchedule(schedule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', { skipHolidays: false }), 'ja')).toBe(
      '隔週月曜 10:00〜12:00',
    );
  });

  it('formats dates with the weekday', () => {
    expect(formatDate('2026-12-08', 'ja')).toBe('12月8日（火）');
    expect(formatDate('2026-12-08', 'easy')).toBe('12月8日（火曜日）');
    expect(formatDate('2026-12-08', 'en', { year: true })).toBe('Tue 8 December 2026');
    const [next] = nextOccurrences(schedule('FREQ=MONTHLY;BYDAY=+2TU'), jst('2026-12-01T00:00:00'));
    expect(formatOccurrence(next!, 'ja')).toBe('12月8日（火） 10:00〜12:00');
  });
});
