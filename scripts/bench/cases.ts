/**
 * The benchmark's HTTP cases: each real API route and its bare baseline running the same query.
 * Features add their read routes here (quality.md P3).
 */
import { LIST_DISTRICTS_SQL } from '../../api/districts/repository.ts';
import type { Db } from '../../api/db/client.ts';

/** A bare baseline route: same SQL, plain JSON. */
export interface BaselineRoute {
  path: string;
  handle: (db: Db, query: URLSearchParams) => unknown;
}

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
];

export const httpCases: HttpCase[] = [
  { name: 'GET /api/health', path: '/api/health', baselinePath: '/health' },
  { name: 'GET /api/districts (20 rows)', path: '/api/districts', baselinePath: '/districts' },
];
