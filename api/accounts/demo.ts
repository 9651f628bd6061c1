/**
 * Demo accounts (demo data only — never in production, where demo data is off): one person per
 * role, two verified businesses, a pending NPO, and a resident registered by the coordinator.
 * Every demo account has the password in DEMO_PASSWORD; the README lists them.
 */
import { hashPasswordSync } from '../auth/password.ts';
import type { Role } from '../auth/roles.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/client.ts';
import { recordAudit } from '../privacy/audit.ts';
import { recordConsent } from '../privacy/consents.ts';
import { grantRole, insertUser } from './repository.ts';

/** The password of every demo account (demo data only). */
export const DEMO_PASSWORD = 'hita-demo-2026';

/** Demo people: e-mail, name, roles. */
export const DEMO_ACCOUNTS = [
  { id: 'demoadmin0000000000000000', email: 'admin@demo.example.jp', name: '管理 太郎', roles: ['admin'] },
  { id: 'democoordinator0000000000', email: 'coordinator@demo.example.jp', name: '調整 花子', roles: ['coordinator'] },
  { id: 'demovolunteer000000000000', email: 'volunteer@demo.example.jp', name: '奉仕 一郎', roles: ['volunteer'] },
  {
    id: 'demodriver000000000000000',
    email: 'driver@demo.example.jp',
    name: '運転 次郎',
    roles: ['driver', 'volunteer'],
  },
  { id: 'demoresident0000000000000', email: 'resident@demo.example.jp', name: '日田 和子', roles: ['resident'] },
  { id: 'demobusinessa000000000000', email: 'business-a@demo.example.jp', name: '商店 三郎', roles: ['business'] },
  { id: 'demobusinessb000000000000', email: 'business-b@demo.example.jp', name: '工房 四子', roles: ['business'] },
] as const satisfies readonly { id: string; email: string; name: string; roles: readonly Role[] }[];

/** Load the demo accounts (a demo seeder). */
export function seedDemoAccounts(db: Db): void {
  const now = Math.floor(Date.now() / 1000);
  const { argon2 } = loadConfig({});
  for (const account of DEMO_ACCOUNTS) {
    insertUser(
      db,
      {
        id: account.id,
        email: account.email,
        passwordHash: hashPasswordSync(DEMO_PASSWORD, argon2),
        displayName: account.name,
        locale: 'ja',
        emailVerifiedAt: now,
      },
      now,
    );
    for (const role of account.roles) grantRole(db, account.id, role, null, now);
    recordConsent(
      db,
      {
        subjectId: account.id,
        actorId: account.id,
        capacity: 'self',
        decidedBy: 'person',
        purpose: 'account',
        channel: 'web',
        action: 'granted',
      },
      now,
    );
  }
  const orgs = [
    {
      id: 'demoorga00000000000000000',
      name: '（デモ）日田まちなか商店',
      kind: 'business',
      owner: 'demobusinessa000000000000',
      status: 'verified',
    },
    {
      id: 'demoorgb00000000000000000',
      name: '（デモ）天瀬ものづくり工房',
      kind: 'business',
      owner: 'demobusinessb000000000000',
      status: 'verified',
    },
    {
      id: 'demoorgc00000000000000000',
      name: '（デモ）大山ささえあいNPO',
      kind: 'npo',
      owner: 'demovolunteer000000000000',
      status: 'pending',
    },
  ] as const;
  for (const org of orgs) {
    db.run(
      `INSERT INTO organizations (id, name, kind, status, created_by, created_at, reviewed_by, reviewed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        org.id,
        org.name,
        org.kind,
        org.status,
        org.owner,
        now,
        org.status === 'verified' ? 'democoordinator0000000000' : null,
        org.status === 'verified' ? now : null,
      ],
    );
    db.run("INSERT INTO org_members (org_id, user_id, role, added_by, added_at) VALUES (?, ?, 'owner', ?, ?)", [
      org.id,
      org.owner,
      org.owner,
      now,
    ]);
  }
  // A resident without e-mail or phone, registered by the coordinator with consent given in person.
  const resident = 'demoproxyresident00000000';
  insertUser(
    db,
    {
      id: resident,
      email: null,
      passwordHash: null,
      displayName: '（デモ）大山 トメ',
      nameKana: 'おおやま とめ',
      districtId: null,
      locale: 'ja',
      registeredBy: 'democoordinator0000000000',
    },
    now,
  );
  grantRole(db, resident, 'resident', 'democoordinator0000000000', now);
  db.run(
    "INSERT INTO support_relations (resident_id, supporter_id, capacity, created_by, created_at) VALUES (?, ?, 'proxy', ?, ?)",
    [resident, 'democoordinator0000000000', 'democoordinator0000000000', now],
  );
  for (const purpose of ['coordination', 'sensitive_support'] as const) {
    recordConsent(
      db,
      {
        subjectId: resident,
        actorId: 'democoordinator0000000000',
        capacity: 'proxy',
        decidedBy: 'person',
        purpose,
        channel: 'in_person',
        action: 'granted',
      },
      now,
    );
  }
  db.run('UPDATE users SET support_needs = ? WHERE id = ?', ['（デモ）杖を使用。長い距離の歩行は難しい。', resident]);
  recordAudit(
    db,
    {
      actorId: 'democoordinator0000000000',
      action: 'resident.registered_by_proxy',
      subjectId: resident,
      detail: 'in_person',
    },
    now,
  );
}
