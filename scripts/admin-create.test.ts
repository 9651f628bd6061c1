/**
 * `npm run admin:create`: creates an admin with an argon2id hash (flags or hidden prompts), refuses
 * short, common and personal passwords and the published demo password (also in production, with
 * the OWASP cost), grants the role to an existing account without touching its password, and
 * leaves an audit entry and a security event.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../api/accounts/demo.ts';
import { verifyPassword } from '../api/auth/password.ts';
import { type Db, openDatabase } from '../api/db/client.ts';
import { type AdminCreateIo, createAdmin } from './admin-create.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-create-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let counter = 0;

/** A fresh database file, a password file, and captured output. */
function setup(options: { production?: boolean; password?: string; answers?: string[] | null } = {}) {
  counter += 1;
  const dbFile = path.join(root, `db-${counter}.sqlite`);
  const passwordFile = path.join(root, `password-${counter}.txt`);
  if (options.password !== undefined) fs.writeFileSync(passwordFile, `${options.password}\n`);
  const out: string[] = [];
  const err: string[] = [];
  const answers = options.answers === undefined ? null : options.answers;
  const questions: string[] = [];
  const io: AdminCreateIo = {
    env: options.production
      ? {
          NODE_ENV: 'production',
          PUBLIC_ORIGIN: 'https://sasaeai.example.jp',
          DATABASE_URL: `file:${dbFile}`,
        }
      : { NODE_ENV: 'test', DATABASE_URL: `file:${dbFile}`, ARGON2_MEMORY_KIB: '256', ARGON2_TIME_COST: '1' },
    askHidden: answers
      ? (question) => {
          questions.push(question);
          return Promise.resolve(answers.shift() ?? '');
        }
      : null,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  const withDb = <T>(read: (db: Db) => T): T => {
    const db = openDatabase({ url: `file:${dbFile}`, authToken: undefined, syncUrl: undefined });
    try {
      return read(db);
    } finally {
      db.close();
    }
  };
  return { io, out, err, passwordFile, questions, withDb };
}

const userOf = (db: Db, email: string) =>
  db.get<{ id: string; hash: string | null; verified: number | null }>(
    'SELECT id, password_hash AS hash, email_verified_at AS verified FROM users WHERE email = ?',
    [email],
  );
const rolesOf = (db: Db, id: string) =>
  db.all<{ role: string }>('SELECT role FROM user_roles WHERE user_id = ?', [id]).map((r) => r.role);

describe('admin:create with --password-file', () => {
  it('creates a verified admin with an argon2id hash, an audit entry and a security event', async () => {
    const { io, out, err, passwordFile, withDb } = setup({ password: 'a long unusual passphrase' });
    const code = await createAdmin(
      ['--email', ' Boss@Example.JP ', '--name', '管理 者', '--password-file', passwordFile],
      io,
    );
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out.join('\n')).toContain('Created the admin account boss@example.jp');
    const user = withDb((db) => userOf(db, 'boss@example.jp'))!;
    expect(user.hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.hash!, 'a long unusual passphrase')).toBe(true);
    expect(user.verified).not.toBeNull();
    expect(withDb((db) => rolesOf(db, user.id))).toEqual(['admin']);
    expect(
      withDb((db) => db.all("SELECT action, subject_id AS subject FROM audit_log WHERE action = 'role.granted'")),
    ).toEqual([{ action: 'role.granted', subject: user.id }]);
    expect(withDb((db) => db.all('SELECT type, user_id AS userId, detail FROM security_events'))).toEqual([
      { type: 'role.granted', userId: user.id, detail: 'admin:admin-create' },
    ]);
  });

  it.each([
    ['short', 'short1', 'at least 8 characters'],
    ['common', 'baseball1', 'most common'],
    ['site-specific common', 'sasaeaihita', 'most common'],
    ['the published demo password', DEMO_PASSWORD, 'published demo password'],
  ])('refuses a %s password and creates nobody', async (_label, password, message) => {
    const { io, err, passwordFile, withDb } = setup({ password });
    const code = await createAdmin(['--email', 'a@example.jp', '--name', '管理', '--password-file', passwordFile], io);
    expect(code).toBe(1);
    expect(err.join('\n')).toContain(message);
    expect(withDb((db) => db.get('SELECT count(*) AS n FROM users'))).toEqual({ n: 0 });
  });

  it('refuses a bad e-mail address, a missing name and an unknown option', async () => {
    const { io, err, passwordFile } = setup({ password: 'a long unusual passphrase' });
    expect(await createAdmin(['--email', 'not-an-address', '--name', 'x', '--password-file', passwordFile], io)).toBe(
      1,
    );
    expect(await createAdmin(['--email', 'a@example.jp', '--password-file', passwordFile], io)).toBe(1);
    expect(await createAdmin(['--email', 'a@example.jp', '--name', 'x', '--password', 'inline'], io)).toBe(1);
    expect(err).toEqual([
      expect.stringContaining('--email'),
      expect.stringContaining('--name'),
      expect.stringContaining("Unknown option '--password'"),
    ]);
  });

  it('gives an existing account the admin role and leaves its password alone', async () => {
    const first = setup({ password: 'a long unusual passphrase' });
    await createAdmin(['--email', 'a@example.jp', '--name', '管理', '--password-file', first.passwordFile], first.io);
    const before = first.withDb((db) => userOf(db, 'a@example.jp'))!;
    first.withDb((db) => db.run("DELETE FROM user_roles WHERE role = 'admin'"));
    const code = await createAdmin(['--email', 'a@example.jp'], first.io);
    expect(code).toBe(0);
    expect(first.out.at(-1)).toContain('now has the admin role');
    const after = first.withDb((db) => userOf(db, 'a@example.jp'))!;
    expect(after.hash).toBe(before.hash);
    expect(first.withDb((db) => rolesOf(db, after.id))).toEqual(['admin']);
  });
});

describe('admin:create in production', () => {
  it('refuses the published demo password', async () => {
    const { io, err, passwordFile, withDb } = setup({ production: true, password: DEMO_PASSWORD });
    expect(await createAdmin(['--email', 'a@example.jp', '--name', '管理', '--password-file', passwordFile], io)).toBe(
      1,
    );
    expect(err.join('\n')).toContain('published demo password');
    expect(withDb((db) => db.get('SELECT count(*) AS n FROM users'))).toEqual({ n: 0 });
  });

  it('hashes with the OWASP argon2id cost (19 MiB, 2 passes)', async () => {
    const { io, passwordFile, withDb } = setup({ production: true, password: 'a long unusual passphrase' });
    expect(await createAdmin(['--email', 'a@example.jp', '--name', '管理', '--password-file', passwordFile], io)).toBe(
      0,
    );
    expect(withDb((db) => userOf(db, 'a@example.jp'))!.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses to run with a production configuration that is incomplete', async () => {
    const { io, err, passwordFile } = setup({ production: true, password: 'a long unusual passphrase' });
    delete io.env.PUBLIC_ORIGIN;
    expect(await createAdmin(['--email', 'a@example.jp', '--name', '管理', '--password-file', passwordFile], io)).toBe(
      1,
    );
    expect(err.join('\n')).toContain('PUBLIC_ORIGIN');
  });
});

describe('admin:create with prompts', () => {
  it('asks twice without a password file and creates the admin when both answers match', async () => {
    const { io, questions, withDb } = setup({ answers: ['typed long passphrase', 'typed long passphrase'] });
    expect(await createAdmin(['--email', 'p@example.jp', '--name', '管理'], io)).toBe(0);
    expect(questions).toEqual([expect.stringContaining('Password for the new admin'), 'Type it again: ']);
    const user = withDb((db) => userOf(db, 'p@example.jp'))!;
    expect(await verifyPassword(user.hash!, 'typed long passphrase')).toBe(true);
  });

  it('refuses when the two answers differ, or a typed password is common', async () => {
    const differ = setup({ answers: ['typed long passphrase', 'typed long passphrasf'] });
    expect(await createAdmin(['--email', 'p@example.jp', '--name', '管理'], differ.io)).toBe(1);
    expect(differ.err).toEqual(['The two passwords differ.']);
    const common = setup({ answers: ['football', 'football'] });
    expect(await createAdmin(['--email', 'p@example.jp', '--name', '管理'], common.io)).toBe(1);
    expect(common.err.join('\n')).toContain('most common');
  });

  it('refuses without a terminal and without a password file', async () => {
    const { io, err } = setup({ answers: null });
    expect(await createAdmin(['--email', 'p@example.jp', '--name', '管理'], io)).toBe(1);
    expect(err).toEqual(['No terminal to ask for the password: use --password-file <file>.']);
  });
});

describe('npm run admin:create', () => {
  it('runs as a command: exit code 0 on success, 1 with the reason on stderr', async () => {
    const { passwordFile } = setup({ password: 'a long unusual passphrase' });
    const dbFile = path.join(root, 'cli.sqlite');
    const env = { ...process.env, NODE_ENV: 'test', DATABASE_URL: `file:${dbFile}`, ARGON2_MEMORY_KIB: '256' };
    const run = promisify(execFile);
    const tsx = path.resolve('node_modules/.bin/tsx');
    const ok = await run(
      tsx,
      ['scripts/admin-create.ts', '--email', 'cli@example.jp', '--name', '管理', '--password-file', passwordFile],
      { env },
    );
    expect(ok.stdout).toContain('Created the admin account cli@example.jp');
    const refused = await run(tsx, ['scripts/admin-create.ts', '--email', 'x@example.jp', '--name', '管理'], {
      env,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('No terminal') as unknown });
  });
});
