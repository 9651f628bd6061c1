import { describe, expect, it } from 'vitest';
import { ruleFor, shiftFieldName, shiftsFromForm } from './forms.ts';

describe('organizer form helpers', () => {
  it.each([
    ['none', '2027-01-09', null],
    ['weekly', '2027-01-09', 'FREQ=WEEKLY;BYDAY=SA'],
    ['biweekly', '2027-01-13', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE'],
    ['monthly', '2027-01-12', 'FREQ=MONTHLY;BYDAY=+2TU'],
    ['monthly', '2027-01-29', 'FREQ=MONTHLY;BYDAY=+5FR'],
    ['weekly', 'not a date', null],
  ] as const)('%s from %s → %s', (repeat, date, rule) => {
    expect(ruleFor(repeat, date)).toBe(rule);
  });

  it('makes one shift in Japan time, or a recurrence', () => {
    const values = {
      date: '2027-01-09',
      start: '10:00',
      end: '12:00',
      capacity: '5',
      repeat: 'none',
      lastDate: '',
      skipHolidays: false,
    };
    expect(shiftsFromForm(values)).toEqual({
      shifts: [
        {
          startsAt: Date.parse('2027-01-09T01:00:00Z') / 1000,
          endsAt: Date.parse('2027-01-09T03:00:00Z') / 1000,
          capacity: 5,
        },
      ],
    });
    expect(
      shiftsFromForm({ ...values, repeat: 'weekly', lastDate: '2027-02-27', capacity: 'x' }).recurrence,
    ).toMatchObject({
      rule: 'FREQ=WEEKLY;BYDAY=SA',
      capacity: -1,
    });
    expect(shiftFieldName('recurrence.lastDate')).toBe('lastDate');
    expect(shiftFieldName('shifts.0.capacity')).toBe('capacity');
  });
});
