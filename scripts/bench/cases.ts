/**
 * The benchmark's HTTP cases: each real API route and its bare baseline running the same query.
 * Features add their read routes here (quality.md P3).
 */
import { LIST_DISTRICTS_SQL } from '../../api/districts/repository.ts';
import type { Db } from '../../api/db/client.ts';
import { listPlacesQuery } from '../../api/places/repository.ts';
import type { PlaceFilters } from '../../api/places/schema.ts';
import { listPublicBindings, listPublicSqlFor } from '../../api/opportunities/repository.ts';
import { seedBenchOpportunities } from './opportunities.ts';

/** Data the benchmark loads into its database before the servers start. */
export const benchSeeders: ((db: Db) => void)[] = [(db) => seedBenchOpportunities(db, 10_000)];

/** The public opportunities list's parameters for a request (same defaults as the real route). */
function opportunityListParams(query: URLSearchParams) {
  const now = Math.floor(Date.now() / 1000);
  return {
    now,
    from: now,
    to: null,
    category: query.get('category'),
    district: query.get('district'),
    page: Number(query.get('page') ?? 1),
    perPage: Number(query.get('perPage') ?? 20),
  };
}

/** A bare baseline route: same SQL, plain JSON (a string is sent as JSON text as it is). */
export interface BaselineRoute {
  path: string;
  handle: (db: Db, query: URLSearchParams) => unknown;
}

const placeFilters = (extra: Partial<PlaceFilters>): PlaceFilters => ({
  access: [],
  sample: 'include',
  limit: 20,
  offset: 0,
  ...extra,
});

/** The same SQL the real route runs for the given filters, with nothing around it. */
const placesBaseline = (path: string, filters: PlaceFilters): BaselineRoute => ({
  path,
  handle: (db) => {
    const { sql, params } = listPlacesQuery(filters);
    return db.get<{ body: string }>(sql, params)?.body;
  },
});

/** A measured pair: the real route and its baseline. */
export interface HttpCase {
  name: string;
  /** Path (with query) on the real server. */
  path: string;
  /** Path (with query) on the bare server. */
  baselinePath: string;
}

export const baselineRoutes: BaselineRoute[] = [
  {
    path: '/health',
    handle: (db) => ({
      status: 'ok',
      version: db.get<{ version: number }>('SELECT max(version) AS version FROM _migrations')?.version,
    }),
  },
  { path: '/districts', handle: (db) => ({ items: db.all(LIST_DISTRICTS_SQL, [null]) }) },
  placesBaseline('/places', placeFilters({})),
  placesBaseline('/places-filtered', placeFilters({ kind: 'salon', weekday: 'TU', offset: 100 })),
  placesBaseline('/places-near', placeFilters({ near: { lat: 33.32, lng: 130.94, radius: 5000 } })),
  {
    path: '/opportunities',
    handle: (db, query) => {
      const params = opportunityListParams(query);
      const sql = listPublicSqlFor(params);
      return db.get<{ body: string }>(sql, listPublicBindings(sql, params))?.body;
    },
  },
];

export const httpCases: HttpCase[] = [
  { name: 'GET /api/health', path: '/api/health', baselinePath: '/health' },
  { name: 'GET /api/districts (20 rows)', path: '/api/districts', baselinePath: '/districts' },
  { name: 'GET /api/places (10,050 rows, page of 20)', path: '/api/places', baselinePath: '/places' },
  {
    name: 'GET /api/places kind+weekday, offset 100',
    path: '/api/places?kind=salon&weekday=tu&offset=100',
    baselinePath: '/places-filtered',
  },
  {
    name: 'GET /api/places near 5 km',
    path: '/api/places?near=33.32,130.94&radius=5000',
    baselinePath: '/places-near',
  },
  {
    name: 'GET /api/opportunities (10,000 rows, page 1)',
    path: '/api/opportunities',
    baselinePath: '/opportunities',
  },
  {
    name: 'GET /api/opportunities?category&district (10,000 rows)',
    path: '/api/opportunities?category=salon&district=oyama',
    baselinePath: '/opportunities?category=salon&district=oyama',
  },
  {
    name: 'GET /api/opportunities?page=50 (10,000 rows)',
    path: '/api/opportunities?page=50',
    baselinePath: '/opportunities?page=50',
  },
];
