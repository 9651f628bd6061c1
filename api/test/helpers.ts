/**
 * Test helpers: a fresh migrated in-memory database and an app per test file; people and sessions.
 */
import { grantRole, insertUser } from '../accounts/repository.ts';
import { createApp } from '../app.ts';
import { sessionCookieName } from '../auth/cookies.ts';
import { hashPassword } from '../auth/password.ts';
import type { Role } from '../auth/roles.ts';
import { createSession } from '../auth/session.ts';
import { generateId } from '../auth/tokens.ts';
import { type Config, TEST_ARGON2, testConfig } from '../config.ts';
import { loadDistricts, syncDistricts } from '../content/districts.ts';
import { loadPlaces, syncPlaces } from '../content/places.ts';
import { type Db, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { recordOwnDecision } from '../privacy/consents.ts';

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

/** A person created directly in the database for a test. */
export interface TestUser {
  id: string;
  email: string;
  password: string;
}

const hashCache = new Map<string, Promise<string>>();

/** An argon2id hash of `password` with the test cost (cached: hashing is the slow part). */
export function testPasswordHash(password: string): Promise<string> {
  let cached = hashCache.get(password);
  if (!cached) {
    cached = hashPassword(password, TEST_ARGON2);
    hashCache.set(password, cached);
  }
  return cached;
}

/** Insert an active, verified person with roles. */
export async function createTestUser(
  db: Db,
  options: {
    email?: string;
    password?: string;
    displayName?: string;
    roles?: Role[];
    verified?: boolean;
    locale?: 'ja' | 'en' | 'easy';
    now?: number;
  } = {},
): Promise<TestUser> {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const id = generateId();
  const email = options.email ?? `user-${id}@example.jp`;
  const password = options.password ?? 'correct horse battery staple';
  insertUser(
    db,
    {
      id,
      email,
      passwordHash: await testPasswordHash(password),
      displayName: options.displayName ?? 'テスト 利用者',
      locale: options.locale ?? 'ja',
      emailVerifiedAt: options.verified === false ? null : now,
    },
    now,
  );
  for (const role of options.roles ?? ['resident']) grantRole(db, id, role, null, now);
  recordOwnDecision(db, id, 'account', 'granted', now);
  return { id, email, password };
}

/** A `Cookie` header value with a fresh session for a person (bypassing the sign-in endpoint). */
export function sessionCookie(
  db: Db,
  userId: string,
  config: Pick<Config, 'secureCookies'> = testConfig(),
  now?: number,
): string {
  const { token } = createSession(db, userId, now ?? Math.floor(Date.now() / 1000), 'test');
  return `${sessionCookieName(config)}=${token}`;
}

/** The session token from a response's `Set-Cookie` headers, or null. */
export function tokenFromSetCookie(
  response: Response,
  config: Pick<Config, 'secureCookies'> = testConfig(),
): string | null {
  const name = sessionCookieName(config);
  for (const header of response.headers.getSetCookie()) {
    const [pair = ''] = header.split(';');
    const index = pair.indexOf('=');
    if (pair.slice(0, index) === name) return pair.slice(index + 1) || null;
  }
  return null;
}

/** POST JSON from this site's origin. */
export function postJson(
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<Response> {
  return Promise.resolve(app.request(path, { method, headers: jsonHeaders(headers), body: JSON.stringify(body) }));
}
