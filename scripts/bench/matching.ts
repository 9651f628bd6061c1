/**
 * P4: rank one volunteer against 10,000 opportunities (pure function), median of repeated runs,
 * with a same-run baseline: a scan that only computes the distance to each opportunity.
 */
import { distanceKm, type LngLat } from '../../api/matching/geo.ts';
import { type OpportunityForMatching, rankOpportunities, type VolunteerForMatching } from '../../api/matching/rank.ts';

/** A small deterministic PRNG (mulberry32) so every run ranks the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES = ['salon', 'kodomo-shokudo', 'mimamori', 'idou', 'saigai', 'kosodate', 'kankyo', 'event'];
const SKILLS = ['driving', 'cooking', 'it', 'carpentry', 'music', 'childcare', 'first-aid', 'english'];

/** 10,000 synthetic opportunities spread over the city, 1–4 shifts each over the next 60 days. */
export function syntheticOpportunities(count: number, now: number): OpportunityForMatching[] {
  const next = random(42);
  let shiftId = 1;
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    category: CATEGORIES[Math.floor(next() * CATEGORIES.length)] ?? 'salon',
    skills: SKILLS.filter(() => next() < 0.2),
    point: [130.83 + next() * 0.25, 33.03 + next() * 0.42] as LngLat,
    minAge: next() < 0.2 ? 18 : null,
    qualifications: next() < 0.05 ? ['first-aid'] : [],
    shifts: Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
      const startsAt = now + Math.floor(next() * 60 * 24) * 3600;
      const capacity = 1 + Math.floor(next() * 20);
      return {
        id: shiftId++,
        startsAt,
        endsAt: startsAt + 2 * 3600,
        capacity,
        confirmed: Math.floor(next() * (capacity + 1)),
      };
    }),
  }));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? NaN;

/** Run the P4 benchmark; returns the table rows. */
export function benchMatching(runs = 60): Record<string, string>[] {
  const now = Math.floor(Date.now() / 1000);
  const opportunities = syntheticOpportunities(10_000, now);
  const volunteer: VolunteerForMatching = {
    homePoint: [130.937024, 33.327597],
    maxTravelKm: 15,
    availability: [
      { weekday: 6, part: 'morning' },
      { weekday: 0, part: 'afternoon' },
      { weekday: 3, part: 'evening' },
    ],
    interests: ['mimamori', 'kodomo-shokudo'],
    skills: ['driving', 'cooking'],
    qualifications: [],
    age: 68,
  };
  const rankTimes: number[] = [];
  const topTimes: number[] = [];
  const scanTimes: number[] = [];
  let results = 0;
  let sink = 0;
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    results = rankOpportunities(volunteer, opportunities, { now }).length;
    rankTimes.push(performance.now() - start);
    start = performance.now();
    rankOpportunities(volunteer, opportunities, { now, limit: 50 });
    topTimes.push(performance.now() - start);
    start = performance.now();
    for (const o of opportunities) if (o.point) sink += distanceKm(volunteer.homePoint ?? o.point, o.point);
    scanTimes.push(performance.now() - start);
  }
  if (Number.isNaN(sink)) throw new Error('unreachable');
  const scanned = median(scanTimes);
  const row = (label: string, times: number[]) => ({
    case: label,
    'median ms': median(times).toFixed(2),
    'p95 ms': p95(times).toFixed(2),
    'baseline (distance-only scan) median ms': scanned.toFixed(2),
    'ratio to baseline': `${(median(times) / scanned).toFixed(1)}×`,
    'bar (median < 20 ms)': median(times) < 20 ? 'met' : 'NOT met',
  });
  return [
    row(`rank 1 volunteer × 10,000 opportunities, top 50 (as the API does)`, topTimes),
    row(`rank 1 volunteer × 10,000 opportunities, all ${results} that pass the filters`, rankTimes),
  ];
}
