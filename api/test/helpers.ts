/**
 * Test helpers: a fresh migrated in-memory database and an app per test file.
 */
import { createApp } from '../app.ts';
import { type Config, testConfig } from '../config.ts';
import { loadDistricts, syncDistricts } from '../content/districts.ts';
import { loadPlaces, syncPlaces } from '../content/places.ts';
import { type Db, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';

/** The origin tests send, equal to the test configuration's public origin. */
export const TEST_ORIGIN = 'http://localhost:4321';

/** A new migrated in-memory database with the content mirrors loaded. */
export function createTestDb(): Db {
  const db = openDatabase({ url: ':memory:', authToken: undefined, syncUrl: undefined });
  migrate(db);
  const districts = loadDistricts();
  syncDistricts(db, districts);
  syncPlaces(db, loadPlaces(undefined, districts));
  return db;
}

/** A test app over a fresh database; `now` can be overridden. */
export function createTestApp(options: { config?: Partial<Config>; now?: () => number; db?: Db } = {}) {
  const db = options.db ?? createTestDb();
  const config = testConfig(options.config);
  const app = createApp({ db, config, ...(options.now ? { now: options.now } : {}) });
  return { app, db, config };
}

/** Headers of a same-origin JSON request. */
export function jsonHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', origin: TEST_ORIGIN, ...extra };
}
