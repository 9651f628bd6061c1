/**
 * Bench data for P3: 10,000 synthetic places written into the bench database only (never into
 * content or a real database), spread over the city's bounding box, with a schedule each.
 */
import { kindMask, PLACE_KINDS } from '../../api/content/places.ts';
import { AREAS } from '../../api/content/districts.ts';
import type { Db } from '../../api/db/client.ts';
import { describeSchedule } from '../../api/places/schedule-text.ts';
import { WEEKDAYS, weekdayMask } from '../../api/places/schedule.ts';

/** Insert `count` synthetic places (ids `bench-N`) after the real ones. */
export function seedSyntheticPlaces(db: Db, count = 10_000): void {
  const districts = db.all<{ id: string; area: string }>('SELECT id, area FROM districts ORDER BY sort_order');
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const district = districts[i % districts.length]!;
      const kinds = [PLACE_KINDS[i % 5]!];
      const day = WEEKDAYS[i % 7]!;
      const rrule = i % 2 === 0 ? `FREQ=WEEKLY;BYDAY=${day}` : `FREQ=MONTHLY;BYDAY=+${(i % 4) + 1}${day}`;
      const schedule = {
        activity: { ja: 'サロン', en: 'Salon' },
        rrule,
        start: '10:00',
        end: '12:00',
        skipHolidays: true,
        startDate: '2026-04-01',
      };
      const flag = () => (random() < 0.2 ? null : random() < 0.5 ? 1 : 0);
      db.run(
        `INSERT INTO places (id, sort_order, name_ja, name_en, reading, kinds, kind_mask, district_id, area,
           address_ja, address_en, postal_code, lng, lat, precision, wheelchair, parking, toilet, bus_stop_ja,
           bus_stop_en, bus, phone, fax, url, weekday_mask, schedule_json, sample, sample_fields, source, checked_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, 'town', ?, ?, ?, NULL, NULL, 0, '0973-00-0000',
           NULL, NULL, ?, ?, 1, '[]', NULL, '2026-11-28')`,
        [
          `bench-${i}`,
          1000 + i,
          `ベンチ用サロン ${i}`,
          `Bench salon ${i}`,
          'べんちようさろん',
          JSON.stringify(kinds),
          kindMask(kinds),
          district.id,
          AREAS.includes(district.area as (typeof AREAS)[number]) ? district.area : 'hita',
          130.83 + random() * 0.25,
          33.03 + random() * 0.42,
          flag(),
          flag(),
          flag(),
          weekdayMask(rrule),
          JSON.stringify([
            {
              ...schedule,
              endDate: null,
              text: { ja: describeSchedule(schedule, 'ja'), en: describeSchedule(schedule, 'en') },
            },
          ]),
        ],
      );
    }
  });
}
