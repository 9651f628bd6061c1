/**
 * `npm run admin:create` — create the first admin (or give an existing account the admin role).
 *
 *   npm run admin:create -- --email admin@example.jp --name "管理者"            (asks for the password)
 *   npm run admin:create -- --email admin@example.jp --name "管理者" --password-file ./secret.txt
 *
 * There is no default password: it is typed (not echoed) or read from a file, and must pass the
 * same rules as every password (8–128 characters, not a common one, not the published demo
 * password). `createAdmin` holds the logic (tested in admin-create.test.ts); running the file calls it.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../api/accounts/demo.ts';
import { findActiveUserByEmail, grantRole, insertUser } from '../api/accounts/repository.ts';
import { hashPassword } from '../api/auth/password.ts';
import { generateId } from '../api/auth/tokens.ts';
import { emailProblem, newPasswordProblem, normaliseEmail, textProblem } from '../api/auth/validation.ts';
import { ConfigError, loadConfig } from '../api/config.ts';
import { openDatabase } from '../api/db/client.ts';
import { migrate } from '../api/db/migrate.ts';
import { PROBLEM_MESSAGES } from '../api/lib/service-error.ts';
import { recordAudit } from '../api/privacy/audit.ts';
import { recordOwnDecision } from '../api/privacy/consents.ts';
import { recordSecurityEvent } from '../api/privacy/security-events.ts';

/** What the command talks to: the environment, a hidden prompt (null without a terminal), output. */
export interface AdminCreateIo {
  env: Record<string, string | undefined>;
  /** Ask without echoing; null when there is no terminal to ask on. */
  askHidden: ((question: string) => Promise<string>) | null;
  out: (line: string) => void;
  err: (line: string) => void;
}

class Refusal extends Error {}

/** Ask a question on the terminal without echoing the answer. */
function askHiddenOnTerminal(question: string): Promise<string> {
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

async function readPassword(
  values: { 'password-file'?: string | undefined },
  io: AdminCreateIo,
  context: { email: string; displayName: string },
): Promise<string> {
  let password: string;
  if (values['password-file']) {
    password = fs.readFileSync(values['password-file'], 'utf8').replace(/\r?\n$/, '');
  } else {
    if (!io.askHidden) throw new Refusal('No terminal to ask for the password: use --password-file <file>.');
    password = await io.askHidden('Password for the new admin (8–128 characters): ');
    if ((await io.askHidden('Type it again: ')) !== password) throw new Refusal('The two passwords differ.');
  }
  // The demo password is published in the README: never for a real admin (ASVS 6.3.2).
  if (password === DEMO_PASSWORD) throw new Refusal('Password: this is the published demo password; choose another.');
  const issue = newPasswordProblem(password, context);
  if (issue) throw new Refusal(`Password: ${PROBLEM_MESSAGES[issue]}`);
  return password;
}

/** A wrong or unknown command-line option (thrown by `parseArgs`). */
function isArgumentError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
}

/**
 * Run the command with these arguments.
 * @returns the exit code (0 done, 1 refused).
 */
export async function createAdmin(args: string[], io: AdminCreateIo): Promise<number> {
  try {
    await run(args, io);
    return 0;
  } catch (error) {
    if (error instanceof Refusal || error instanceof ConfigError || isArgumentError(error)) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}

async function run(args: string[], io: AdminCreateIo): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, name: { type: 'string' }, 'password-file': { type: 'string' } },
  });
  const config = loadConfig(io.env);
  const email = normaliseEmail(values.email ?? '');
  const name = (values.name ?? '').trim();
  const emailIssue = emailProblem(email);
  if (emailIssue) throw new Refusal(`--email: ${PROBLEM_MESSAGES[emailIssue]}`);
  const db = openDatabase(config.database);
  try {
    migrate(db);
    const now = Math.floor(Date.now() / 1000);
    const existing = findActiveUserByEmail(db, email);
    if (existing) {
      db.transaction(() => {
        grantRole(db, existing.id, 'admin', null, now);
        recordAudit(
          db,
          { actorId: null, action: 'role.granted', subjectId: existing.id, detail: 'admin (admin:create)' },
          now,
        );
        recordSecurityEvent(db, { type: 'role.granted', userId: existing.id, detail: 'admin:admin-create' }, now);
      });
      io.out(`${email} already has an account: it now has the admin role (its password is unchanged).`);
      return;
    }
    const nameIssue = textProblem(name, { required: true, max: 100 });
    if (nameIssue) throw new Refusal(`--name: ${PROBLEM_MESSAGES[nameIssue]}`);
    const password = await readPassword(values, io, { email, displayName: name });
    const passwordHash = await hashPassword(password, config.argon2);
    const id = generateId();
    db.transaction(() => {
      insertUser(db, { id, email, passwordHash, displayName: name, locale: 'ja', emailVerifiedAt: now }, now);
      grantRole(db, id, 'admin', null, now);
      recordOwnDecision(db, id, 'account', 'granted', now);
      recordAudit(db, { actorId: null, action: 'role.granted', subjectId: id, detail: 'admin (admin:create)' }, now);
      recordSecurityEvent(db, { type: 'role.granted', userId: id, detail: 'admin:admin-create' }, now);
    });
    io.out(`Created the admin account ${email}. Sign in at ${config.publicOrigin}/account/sign-in`);
  } finally {
    db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await createAdmin(process.argv.slice(2), {
    env: process.env,
    askHidden: process.stdin.isTTY ? askHiddenOnTerminal : null,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}
