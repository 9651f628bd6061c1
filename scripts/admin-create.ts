/**
 * `npm run admin:create` — create the first admin (or give an existing account the admin role).
 *
 *   npm run admin:create -- --email admin@example.jp --name "管理者"            (asks for the password)
 *   npm run admin:create -- --email admin@example.jp --name "管理者" --password-file ./secret.txt
 *
 * There is no default password: it is typed (not echoed) or read from a file, and must pass the
 * same rules as every password (8–128 characters, not a common one).
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { findActiveUserByEmail, grantRole, insertUser } from '../api/accounts/repository.ts';
import { hashPassword } from '../api/auth/password.ts';
import { generateId } from '../api/auth/tokens.ts';
import { emailProblem, newPasswordProblem, normaliseEmail, textProblem } from '../api/auth/validation.ts';
import { ConfigError, loadConfig } from '../api/config.ts';
import { openDatabase } from '../api/db/client.ts';
import { migrate } from '../api/db/migrate.ts';
import { PROBLEM_MESSAGES } from '../api/lib/service-error.ts';
import { recordAudit } from '../api/privacy/audit.ts';
import { recordConsent } from '../api/privacy/consents.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Ask a question without echoing the answer. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
    let prompted = false;
    output._writeToOutput = (text: string) => {
      if (!prompted) {
        prompted = true;
        process.stdout.write(text);
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, 'password-file': { type: 'string' } },
  });
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const email = normaliseEmail(values.email ?? '');
  const name = (values.name ?? '').trim();
  const emailIssue = emailProblem(email);
  if (emailIssue) fail(`--email: ${PROBLEM_MESSAGES[emailIssue]}`);
  const db = openDatabase(config.database);
  migrate(db);
  const now = Math.floor(Date.now() / 1000);
  const existing = findActiveUserByEmail(db, email);
  if (existing) {
    grantRole(db, existing.id, 'admin', null, now);
    recordAudit(
      db,
      { actorId: null, action: 'role.granted', subjectId: existing.id, detail: 'admin (admin:create)' },
      now,
    );
    console.log(`${email} already has an account: it now has the admin role (its password is unchanged).`);
    db.close();
    return;
  }
  const nameIssue = textProblem(name, { required: true, max: 100 });
  if (nameIssue) fail(`--name: ${PROBLEM_MESSAGES[nameIssue]}`);
  let password: string;
  if (values['password-file']) {
    password = fs.readFileSync(values['password-file'], 'utf8').replace(/\r?\n$/, '');
  } else {
    if (!process.stdin.isTTY) fail('No terminal to ask for the password: use --password-file <file>.');
    password = await askHidden('Password for the new admin (8–128 characters): ');
    if ((await askHidden('Type it again: ')) !== password) fail('The two passwords differ.');
  }
  const passwordIssue = newPasswordProblem(password, { email, displayName: name });
  if (passwordIssue) fail(`Password: ${PROBLEM_MESSAGES[passwordIssue]}`);
  const passwordHash = await hashPassword(password, config.argon2);
  const id = generateId();
  db.transaction(() => {
    insertUser(db, { id, email, passwordHash, displayName: name, locale: 'ja', emailVerifiedAt: now }, now);
    grantRole(db, id, 'admin', null, now);
    recordConsent(
      db,
      {
        subjectId: id,
        actorId: id,
        capacity: 'self',
        decidedBy: 'person',
        purpose: 'account',
        channel: 'web',
        action: 'granted',
      },
      now,
    );
    recordAudit(db, { actorId: null, action: 'role.granted', subjectId: id, detail: 'admin (admin:create)' }, now);
  });
  console.log(`Created the admin account ${email}. Sign in at ${config.publicOrigin}/account/sign-in`);
  db.close();
}

await main();
