/**
 * Demo opportunities (demo data only; every record is marked sample and shown with the
 * 「サンプル」 badge): activities of the demo organizations and of the 社協 coordinators, with
 * shifts over the coming weeks, a full shift with a waitlist, the demo volunteer's profile, a
 * past shift waiting for its attendance record, and an attended one (hours, certificate).
 * Runs after the demo accounts (api/accounts/demo.ts).
 */
import type { Db } from '../db/client.ts';
import { insertOpportunity, insertShift, type OpportunityFields } from './repository.ts';
import { placesById } from './places.ts';
import { expandRecurrence } from './time.ts';
import { recordOwnDecision } from '../privacy/consents.ts';

const ORG_A = 'demoorga00000000000000000';
const ORG_B = 'demoorgb00000000000000000';
const COORDINATOR = 'democoordinator0000000000';
const VOLUNTEER = 'demovolunteer000000000000';
const DRIVER = 'demodriver000000000000000';
const RESIDENT = 'demoresident0000000000000';
const BUSINESS_A = 'demobusinessa000000000000';
const BUSINESS_B = 'demobusinessb000000000000';

/** Titles of the demo opportunities, for tests. */
export const DEMO_OPPORTUNITY_TITLES = {
  cleanup: '豆田町の川沿い清掃と花植え',
  kitchen: '子ども食堂の調理補助',
  visits: 'ひとり暮らし高齢者の見守り訪問',
  salon: 'いきいきサロンのお茶出しと話し相手',
  disaster: '災害ボランティアセンター運営訓練',
  errands: '移動販売の付き添い',
} as const;

function jstDate(unix: number): string {
  return new Date((unix + 9 * 3600) * 1000).toISOString().slice(0, 10);
}

function place(id: string): Pick<OpportunityFields, 'placeId' | 'districtId' | 'lng' | 'lat' | 'address'> {
  const p = placesById().get(id);
  if (!p) throw new Error(`demo place ${id} is missing`);
  return { placeId: p.id, districtId: p.district, lng: p.location[0], lat: p.location[1], address: null };
}

/** Load the demo opportunities (a demo seeder). */
export function seedDemoOpportunities(db: Db): void {
  const now = Math.floor(Date.now() / 1000);
  const today = jstDate(now);
  const inDays = (days: number) => jstDate(now + days * 86400);
  const base = {
    skills: [] as string[],
    minAge: null,
    qualifications: [] as string[],
    insuranceNote: null,
    status: 'published' as const,
    sample: true,
  };
  const post = (
    fields: Omit<
      OpportunityFields,
      'skills' | 'minAge' | 'qualifications' | 'insuranceNote' | 'status' | 'sample' | 'recurrence'
    > &
      Partial<OpportunityFields>,
    by: string,
    recurrence: { rule: string; days: number; start: string; end: string; capacity: number } | null,
    oneOff: { inDays: number; start: string; end: string; capacity: number }[] = [],
  ) => {
    const id = insertOpportunity(db, { ...base, recurrence: recurrence?.rule ?? null, ...fields }, by, now);
    const shifts: number[] = [];
    if (recurrence) {
      for (const o of expandRecurrence({
        rule: recurrence.rule,
        firstDate: today,
        lastDate: inDays(recurrence.days),
        start: recurrence.start,
        end: recurrence.end,
        skipHolidays: true,
      })) {
        if (o.startsAt > now)
          shifts.push(insertShift(db, { opportunityId: id, ...o, capacity: recurrence.capacity }, now));
      }
    }
    for (const s of oneOff) {
      const day = inDays(s.inDays);
      const startsAt = Date.parse(`${day}T${s.start}:00+09:00`) / 1000;
      const endsAt = Date.parse(`${day}T${s.end}:00+09:00`) / 1000;
      shifts.push(insertShift(db, { opportunityId: id, startsAt, endsAt, capacity: s.capacity }, now));
    }
    return { id, shifts };
  };
  const signup = (
    shiftId: number,
    userId: string,
    status: 'confirmed' | 'waitlisted',
    extra: { attendance?: 'attended'; minutes?: number; by?: string } = {},
  ) => {
    if (status === 'confirmed')
      db.run('UPDATE shifts SET confirmed_count = confirmed_count + 1 WHERE id = ?', [shiftId]);
    db.run(
      `INSERT INTO signups (shift_id, user_id, status, queued_at, created_at, updated_at, attendance, minutes, attendance_by, attendance_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        shiftId,
        userId,
        status,
        now,
        now,
        now,
        extra.attendance ?? null,
        extra.minutes ?? null,
        extra.by ?? null,
        extra.attendance ? now : null,
      ],
    );
  };

  const cleanup = post(
    {
      orgId: ORG_A,
      title: DEMO_OPPORTUNITY_TITLES.cleanup,
      description:
        '豆田町の川沿いの遊歩道を清掃し、花壇に季節の花を植えます。初めての方も歓迎です。（サンプルデータです）',
      category: 'kankyo',
      skills: ['gardening'],
      whatToBring: '軍手、飲み物、帽子',
      ...place('chuo-kominkan'),
    },
    BUSINESS_A,
    { rule: 'FREQ=WEEKLY;BYDAY=SA', days: 42, start: '09:00', end: '11:00', capacity: 8 },
    [
      { inDays: -1, start: '09:00', end: '11:00', capacity: 8 },
      { inDays: -8, start: '09:00', end: '11:00', capacity: 8 },
    ],
  );
  // Last week: attended (hours and a certificate); yesterday: waiting for the organizer's record.
  const [yesterday, lastWeek] = cleanup.shifts.slice(-2);
  if (yesterday && lastWeek) {
    signup(lastWeek, VOLUNTEER, 'confirmed', { attendance: 'attended', minutes: 120, by: BUSINESS_A });
    signup(yesterday, VOLUNTEER, 'confirmed');
    signup(yesterday, DRIVER, 'confirmed');
  }

  const kitchen = post(
    {
      orgId: ORG_B,
      title: DEMO_OPPORTUNITY_TITLES.kitchen,
      description: '天瀬の子ども食堂で、夕食づくりと配膳、片付けを手伝います。（サンプルデータです）',
      category: 'kodomo-shokudo',
      skills: ['cooking', 'childcare'],
      qualifications: [],
      whatToBring: 'エプロン、三角巾',
      ...place('sample-amagase-kodomo-shokudo'),
    },
    BUSINESS_B,
    { rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE', days: 56, start: '16:00', end: '19:00', capacity: 4 },
  );
  // A small shift that is full, with a waitlist.
  const first = kitchen.shifts[0];
  if (first) {
    db.run('UPDATE shifts SET capacity = 1 WHERE id = ?', [first]);
    signup(first, DRIVER, 'confirmed');
    signup(first, RESIDENT, 'waitlisted');
  }

  post(
    {
      orgId: null,
      title: DEMO_OPPORTUNITY_TITLES.visits,
      description:
        '大山地区のひとり暮らしの高齢者のお宅を2人1組で訪ね、お話をしながら様子をうかがいます。（サンプルデータです）',
      category: 'mimamori',
      skills: ['listening', 'driving'],
      minAge: 18,
      whatToBring: '名札（社協でお渡しします）',
      districtId: 'oyama',
      lng: null,
      lat: null,
      placeId: null,
      address: '大山の集会所に集合',
    },
    COORDINATOR,
    { rule: 'FREQ=MONTHLY;BYDAY=+2TU,+4TU', days: 60, start: '10:00', end: '12:00', capacity: 6 },
  );
  db.run(
    "UPDATE opportunities SET lng = (SELECT lng FROM districts WHERE id = 'oyama'), lat = (SELECT lat FROM districts WHERE id = 'oyama') WHERE title = ?",
    [DEMO_OPPORTUNITY_TITLES.visits],
  );

  post(
    {
      orgId: null,
      title: DEMO_OPPORTUNITY_TITLES.salon,
      description:
        '桂林地区のいきいきサロンで、お茶を出したり、参加者の話し相手になったりします。（サンプルデータです）',
      category: 'salon',
      skills: ['listening', 'music'],
      whatToBring: null,
      ...place('sample-keirin-salon'),
    },
    COORDINATOR,
    { rule: 'FREQ=MONTHLY;BYDAY=+1TH', days: 90, start: '13:30', end: '15:30', capacity: 5 },
  );

  post(
    {
      orgId: null,
      title: DEMO_OPPORTUNITY_TITLES.disaster,
      description: '大雨の災害に備えて、災害ボランティアセンターの受付・マッチングを練習します。（サンプルデータです）',
      category: 'saigai',
      skills: ['it'],
      whatToBring: '筆記用具',
      ...place('sogo-hoken-fukushi-center'),
    },
    COORDINATOR,
    null,
    [{ inDays: 5, start: '13:00', end: '16:00', capacity: 20 }],
  );

  post(
    {
      orgId: ORG_A,
      title: DEMO_OPPORTUNITY_TITLES.errands,
      description: '移動販売車に同乗し、買い物が難しい方の品選びや荷物運びを手伝います。（サンプルデータです）',
      category: 'idou',
      skills: ['driving'],
      minAge: 20,
      qualifications: ['driving-licence'],
      whatToBring: '運転免許証',
      ...place('sample-miyoshi-kayoinoba'),
    },
    BUSINESS_A,
    { rule: 'FREQ=WEEKLY;BYDAY=TU,FR', days: 28, start: '10:00', end: '12:30', capacity: 2 },
  );

  // The demo volunteer agreed that the profile is used for suggestions (purpose `matching`).
  recordOwnDecision(db, VOLUNTEER, 'matching', 'granted', now);
  db.run(
    `INSERT INTO volunteer_profiles (user_id, district_id, interests, skills, qualifications, availability, languages,
       max_travel_km, birth_year, updated_at) VALUES (?, 'kangi', ?, ?, '[]', ?, '["ja"]', 15, 1958, ?)`,
    [
      VOLUNTEER,
      JSON.stringify(['kankyo', 'mimamori', 'salon']),
      JSON.stringify(['gardening', 'listening']),
      JSON.stringify(['6:morning', '4:afternoon']),
      now,
    ],
  );
  db.run(
    'UPDATE opportunities SET next_shift_at = (SELECT min(starts_at) FROM shifts s WHERE s.opportunity_id = opportunities.id AND s.starts_at > ?)',
    [now],
  );
}
