/**
 * Reading the organizer's forms: a first date, times, capacity and a simple repeat choice
 * (none, weekly, every two weeks, monthly on the same nth weekday) become one shift or a
 * recurrence rule for the service (pure functions, tested).
 */
import { jstToUnix } from '../../../api/opportunities/time.ts';
import type { RecurringShiftsInput, ShiftInput } from '../../../api/opportunities/service.ts';

/** Repeat choices of the form. */
export const REPEATS = ['none', 'weekly', 'biweekly', 'monthly'] as const;
/** A repeat choice. */
export type Repeat = (typeof REPEATS)[number];

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The RRULE for a repeat choice starting on `date` (YYYY-MM-DD), or null for none/invalid. */
export function ruleFor(repeat: Repeat, date: string): string | null {
  const start = jstToUnix(date, '12:00');
  if (start === null || repeat === 'none') return null;
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = DAYS[day.getUTCDay()] ?? 'SU';
  if (repeat === 'weekly') return `FREQ=WEEKLY;BYDAY=${weekday}`;
  if (repeat === 'biweekly') return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${weekday}`;
  const nth = Math.floor((day.getUTCDate() - 1) / 7) + 1;
  return `FREQ=MONTHLY;BYDAY=+${nth}${weekday}`;
}

/** The raw values of the shift fields. */
export interface ShiftFormValues {
  date: string;
  start: string;
  end: string;
  capacity: string;
  repeat: string;
  lastDate: string;
  skipHolidays: boolean;
}

/** Turn the shift fields into the service's input (field names match the service's problems). */
export function shiftsFromForm(values: ShiftFormValues): {
  shifts?: ShiftInput[];
  recurrence?: RecurringShiftsInput;
} {
  const capacity = /^\d{1,4}$/.test(values.capacity.trim()) ? Number(values.capacity.trim()) : -1;
  const repeat = (REPEATS as readonly string[]).includes(values.repeat) ? (values.repeat as Repeat) : 'none';
  if (repeat === 'none') {
    const startsAt = jstToUnix(values.date, values.start) ?? -1;
    const endsAt = jstToUnix(values.date, values.end) ?? -1;
    return { shifts: [{ startsAt, endsAt, capacity }] };
  }
  return {
    recurrence: {
      rule: ruleFor(repeat, values.date) ?? '',
      firstDate: values.date,
      lastDate: values.lastDate,
      start: values.start,
      end: values.end,
      skipHolidays: values.skipHolidays,
      capacity,
    },
  };
}

/** Map the service's problem field names to the form's field names. */
export function shiftFieldName(field: string): string {
  if (field.startsWith('shifts.0.startsAt')) return 'date';
  if (field.endsWith('.capacity')) return 'capacity';
  if (field === 'recurrence.firstDate' || field === 'recurrence.rule') return 'date';
  if (field === 'recurrence.lastDate') return 'lastDate';
  if (field === 'recurrence.start') return 'start';
  if (field === 'recurrence.end') return 'end';
  return field;
}
