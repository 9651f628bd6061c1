/**
 * A small world of people for authorization tests: one person per persona of the authorization
 * matrix (quality.md S7), two verified organizations A and B with their members, a pending one, a
 * resident the coordinator serves (with consent) and one nobody here serves. `loginAs(persona)`
 * gives the headers of a signed-in, same-origin request. Later features extend the world by adding
 * their own fixtures next to it and rows to api/authz-matrix.test.ts.
 */
import { grantRole } from '../accounts/repository.ts';
import type { Role } from '../auth/roles.ts';
import { generateId } from '../auth/tokens.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { recordConsent } from '../privacy/consents.ts';
import { createTestApp, createTestUser, sessionCookie, TEST_ORIGIN, type TestUser } from './helpers.ts';

/** Everyone the matrix checks, in column order. */
export const PERSONAS = [
  'anonymous',
  'resident',
  'volunteer',
  'driver',
  'businessA',
  'businessB',
  'coordinator',
  'admin',
] as const;
/** A column of the matrix. */
export type Persona = (typeof PERSONAS)[number];
/** A persona that has an account. */
export type SignedInPersona = Exclude<Persona, 'anonymous'>;

const PERSONA_ROLES: Record<SignedInPersona, Role[]> = {
  resident: ['resident'],
  volunteer: ['volunteer'],
  driver: ['driver'],
  businessA: ['business'],
  businessB: ['business'],
  coordinator: ['coordinator'],
  admin: ['admin'],
};

/** The fixtures of one world. */
export interface World {
  app: ReturnType<typeof createTestApp>['app'];
  db: Db;
  config: Config;
  people: Record<SignedInPersona, TestUser>;
  /** A verified organization owned by businessA, with one more member. */
  orgA: string;
  orgAExtraMember: TestUser;
  /** A verified organization owned by businessB. */
  orgB: string;
  /** An organization waiting for review. */
  pendingOrg: string;
  /** A resident (no e-mail) served by the coordinator, with coordination consent. */
  servedResident: string;
  /** A resident nobody in this world serves. */
  unservedResident: string;
}

function insertOrg(db: Db, name: string, owner: string, status: 'pending' | 'verified', now: number): string {
  const id = generateId();
  db.run('INSERT INTO organizations (id, name, kind, status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    id,
    name,
    'business',
    status,
    owner,
    now,
  ]);
  db.run("INSERT INTO org_members (org_id, user_id, role, added_by, added_at) VALUES (?, ?, 'owner', ?, ?)", [
    id,
    owner,
    owner,
    now,
  ]);
  return id;
}

function insertResident(db: Db, name: string, supporter: string | null, now: number): string {
  const id = generateId();
  db.run(
    `INSERT INTO users (id, email, display_name, name_kana, locale, registered_by, created_at, updated_at, support_needs)
     VALUES (?, NULL, ?, ?, 'ja', ?, ?, ?, ?)`,
    [id, name, 'てすと', supporter, now, now, '車いすを使用'],
  );
  grantRole(db, id, 'resident', supporter, now);
  if (supporter) {
    db.run(
      "INSERT INTO support_relations (resident_id, supporter_id, capacity, created_by, created_at) VALUES (?, ?, 'proxy', ?, ?)",
      [id, supporter, supporter, now],
    );
    for (const purpose of ['coordination', 'sensitive_support'] as const) {
      recordConsent(
        db,
        {
          subjectId: id,
          actorId: supporter,
          capacity: 'proxy',
          decidedBy: 'person',
          purpose,
          channel: 'phone',
          action: 'granted',
        },
        now,
      );
    }
  }
  return id;
}

/** Build a fresh world (own in-memory database and app). */
export async function createWorld(options: { config?: Partial<Config> } = {}): Promise<World> {
  const { app, db, config } = createTestApp(options.config ? { config: options.config } : {});
  const now = Math.floor(Date.now() / 1000);
  const people = {} as Record<SignedInPersona, TestUser>;
  for (const persona of PERSONAS) {
    if (persona === 'anonymous') continue;
    people[persona] = await createTestUser(db, {
      email: `${persona.toLowerCase()}@world.example.jp`,
      password: `${persona} pass phrase 1`,
      displayName: `${persona} さん`,
      roles: PERSONA_ROLES[persona],
      now,
    });
  }
  const orgA = insertOrg(db, 'A 商店', people.businessA.id, 'verified', now);
  const orgB = insertOrg(db, 'B 工房', people.businessB.id, 'verified', now);
  const pendingOrg = insertOrg(db, 'C 準備中', people.volunteer.id, 'pending', now);
  const orgAExtraMember = await createTestUser(db, { email: 'a-member@world.example.jp', roles: ['business'], now });
  db.run("INSERT INTO org_members (org_id, user_id, role, added_by, added_at) VALUES (?, ?, 'member', ?, ?)", [
    orgA,
    orgAExtraMember.id,
    people.businessA.id,
    now,
  ]);
  const servedResident = insertResident(db, '支援 される人', people.coordinator.id, now);
  const unservedResident = insertResident(db, 'ほかの 人', null, now);
  return { app, db, config, people, orgA, orgAExtraMember, orgB, pendingOrg, servedResident, unservedResident };
}

/** Headers of a same-origin request by a persona (with a fresh session cookie unless anonymous). */
export function loginAs(world: World, persona: Persona): Record<string, string> {
  const headers: Record<string, string> = { origin: TEST_ORIGIN };
  if (persona !== 'anonymous') headers.cookie = sessionCookie(world.db, world.people[persona].id, world.config);
  return headers;
}
