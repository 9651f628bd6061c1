/**
 * Notifications: messages in the recipient's language with the real content; delivery by SMTP with
 * retry and exponential backoff, errors recorded; without SMTP the outbox is readable by admins and
 * coordinators (audited; secret links masked in production).
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_LOCALES } from '../auth/roles.ts';
import { testConfig } from '../config.ts';
import { getAuthFor } from '../test/auth.ts';
import { serviceContextFor } from '../test/context.ts';
import { createTestDb } from '../test/helpers.ts';
import { createWorld, loginAs } from '../test/world.ts';
import {
  backoffSeconds,
  deliverDue,
  MAX_ATTEMPTS,
  type MailTransport,
  smtpTransport,
  startDelivery,
} from './delivery.ts';
import { enqueueMessage } from './outbox.ts';
import { readOutbox } from './service.ts';
import { type MessageKind, type MessageParams, renderMessage } from './templates.ts';

const SAMPLE: { [K in MessageKind]: MessageParams[K] } = {
  verify_email: { name: '花子', link: 'https://x.jp/account/verify?token=T' },
  already_registered: { name: '花子', signInLink: 'https://x.jp/in', resetLink: 'https://x.jp/reset' },
  password_reset: { name: '花子', link: 'https://x.jp/reset?token=T', minutes: 30 },
  password_changed: { name: '花子', resetLink: 'https://x.jp/reset' },
  org_reviewed: { name: '花子', orgName: '三隈川NPO', verified: false, note: '書類が足りません' },
  org_member_added: { name: '花子', orgName: '三隈川NPO', link: 'https://x.jp/org' },
  org_invite: { orgName: '三隈川NPO', signUpLink: 'https://x.jp/up' },
};

describe('message templates', () => {
  it('render every kind in every locale with the real content', () => {
    for (const locale of ACCOUNT_LOCALES) {
      for (const kind of Object.keys(SAMPLE) as MessageKind[]) {
        const message = renderMessage(kind, locale, SAMPLE[kind] as never);
        expect(message.subject.length, `${locale} ${kind}`).toBeGreaterThan(5);
        for (const value of Object.values(SAMPLE[kind])) {
          if (typeof value === 'string' && value !== '') expect(message.body, `${locale} ${kind}`).toContain(value);
        }
      }
    }
    expect(renderMessage('password_reset', 'en', SAMPLE.password_reset).body).toContain('30 minutes');
    expect(renderMessage('password_reset', 'ja', SAMPLE.password_reset).subject).toBe(
      '【ささえあい日田】パスワードの再設定',
    );
  });
});

function queue(db: ReturnType<typeof createTestDb>, n: number, now: number) {
  for (let i = 0; i < n; i++) {
    enqueueMessage(
      db,
      {
        userId: null,
        recipient: `r${i}@example.jp`,
        locale: 'ja',
        kind: 'org_invite',
        params: { orgName: 'N', signUpLink: 'L' },
      },
      now,
    );
  }
}

describe('SMTP delivery', () => {
  it('sends due messages and marks them sent', async () => {
    const db = createTestDb();
    queue(db, 2, 100);
    const sent: { to: string; subject: string; text: string; from: string }[] = [];
    const transport: MailTransport = { sendMail: (m) => Promise.resolve(sent.push(m)) };
    expect(await deliverDue(db, transport, { from: 'site <a@b.jp>', now: () => 100 })).toEqual({ sent: 2, failed: 0 });
    expect(sent.map((m) => m.to)).toEqual(['r0@example.jp', 'r1@example.jp']);
    expect(sent[0]!.text).toContain('団体「N」');
    expect(sent[0]!.from).toBe('site <a@b.jp>');
    expect(db.all<{ sentAt: number }>('SELECT sent_at AS sentAt FROM outbox').every((r) => r.sentAt === 100)).toBe(
      true,
    );
    expect(await deliverDue(db, transport, { from: 'x', now: () => 200 })).toEqual({ sent: 0, failed: 0 });
  });

  it('records the error and retries with exponential backoff, then gives up', async () => {
    const db = createTestDb();
    queue(db, 1, 0);
    let now = 0;
    let fail = true;
    const transport: MailTransport = {
      sendMail: () => (fail ? Promise.reject(new Error('421 try again later')) : Promise.resolve()),
    };
    await deliverDue(db, transport, { from: 'x', now: () => now });
    let row = db.get<{ attempts: number; next: number; error: string; sent: number | null }>(
      'SELECT attempts, next_attempt_at AS next, last_error AS error, sent_at AS sent FROM outbox',
    )!;
    expect(row).toMatchObject({ attempts: 1, next: 60, error: '421 try again later', sent: null });
    now = 59;
    expect(await deliverDue(db, transport, { from: 'x', now: () => now })).toEqual({ sent: 0, failed: 0 });
    now = 60;
    await deliverDue(db, transport, { from: 'x', now: () => now });
    row = db.get('SELECT attempts, next_attempt_at AS next, last_error AS error, sent_at AS sent FROM outbox')!;
    expect(row).toMatchObject({ attempts: 2, next: 180 });
    expect([1, 2, 3, 4].map(backoffSeconds)).toEqual([60, 120, 240, 480]);
    expect(backoffSeconds(20)).toBe(6 * 60 * 60);
    fail = false;
    now = 180;
    await deliverDue(db, transport, { from: 'x', now: () => now });
    row = db.get('SELECT attempts, next_attempt_at AS next, last_error AS error, sent_at AS sent FROM outbox')!;
    expect(row).toMatchObject({ attempts: 3, sent: 180, error: null });
    // A message that failed MAX_ATTEMPTS times stays in the outbox, unsent, with its error.
    queue(db, 1, 0);
    db.run('UPDATE outbox SET attempts = ? WHERE sent_at IS NULL', [MAX_ATTEMPTS]);
    expect(await deliverDue(db, transport, { from: 'x', now: () => 10_000_000 })).toEqual({ sent: 0, failed: 0 });
  });

  it('runs as a loop over a real nodemailer transport built from SMTP_URL (stream transport here)', async () => {
    const db = createTestDb();
    queue(db, 1, 0);
    expect(() => smtpTransport('smtp://user:pass@127.0.0.1:2525')).not.toThrow();
    const nodemailer = (await import('nodemailer')).default;
    const stream = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const loop = startDelivery(db, testConfig(), stream, { intervalMs: 60_000, now: () => 0 });
    expect(await loop.runOnce()).toEqual({ sent: 1, failed: 0 });
    loop.stop();
  });
});

describe('reading the outbox', () => {
  it('is for admins and coordinators, and each read is audited', async () => {
    const world = await createWorld();
    queue(world.db, 1, 1);
    const response = await world.app.request('/api/notifications/outbox', { headers: loginAs(world, 'coordinator') });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { items: unknown[] }).items).toHaveLength(1);
    expect(world.db.get('SELECT actor_id AS a FROM audit_log WHERE action = ?', ['outbox.read'])).toEqual({
      a: world.people.coordinator.id,
    });
  });

  it('leaves one audit entry per recipient whose messages were shown, naming the messages', async () => {
    const world = await createWorld();
    const { db, people } = world;
    const to = (userId: string | null, kind: 'password_changed' | 'org_reviewed') =>
      enqueueMessage(
        db,
        { userId, recipient: `${userId ?? 'nobody'}@example.jp`, locale: 'ja', kind, params: SAMPLE[kind] },
        1,
      );
    const a1 = to(people.volunteer.id, 'password_changed');
    const b1 = to(people.driver.id, 'org_reviewed');
    const a2 = to(people.volunteer.id, 'org_reviewed');
    const none = to(null, 'org_reviewed');
    const admin = getAuthFor(world, 'admin');
    readOutbox(serviceContextFor(world), admin);
    const entries = db.all<{ actor: string; subject: string | null; detail: string }>(
      "SELECT actor_id AS actor, subject_id AS subject, detail FROM audit_log WHERE action = 'outbox.read' ORDER BY id",
    );
    expect(entries).toEqual([
      { actor: people.admin.id, subject: people.volunteer.id, detail: `messages:${a1},${a2}` },
      { actor: people.admin.id, subject: people.driver.id, detail: `messages:${b1}` },
      { actor: people.admin.id, subject: null, detail: `messages:${none}` },
    ]);
    // The person sees the read in their own "who read my data".
    const mine = db.all<{ actor: string }>(
      "SELECT actor_id AS actor FROM audit_log WHERE subject_id = ? AND action = 'outbox.read'",
      [people.driver.id],
    );
    expect(mine).toEqual([{ actor: people.admin.id }]);
  });

  it('an empty outbox shows nobody and leaves no entry', async () => {
    const world = await createWorld();
    expect(readOutbox(serviceContextFor(world), getAuthFor(world, 'admin'))).toEqual([]);
    expect(world.db.get("SELECT count(*) AS n FROM audit_log WHERE action = 'outbox.read'")).toEqual({ n: 0 });
  });

  it('masks one-time links in production, so staff cannot take over an account', async () => {
    const world = await createWorld();
    enqueueMessage(
      world.db,
      { userId: null, recipient: 'a@example.jp', locale: 'ja', kind: 'password_reset', params: SAMPLE.password_reset },
      1,
    );
    queue(world.db, 1, 1);
    const ctx = { ...serviceContextFor(world), config: { ...world.config, env: 'production' as const } };
    const items = readOutbox(ctx, getAuthFor(world, 'admin'));
    const reset = items.find((m) => m.kind === 'password_reset')!;
    expect(reset).toMatchObject({ masked: true, body: '' });
    expect(items.find((m) => m.kind === 'org_invite')!.masked).toBe(false);
    expect(
      readOutbox(serviceContextFor(world), getAuthFor(world, 'admin')).find((m) => m.kind === 'password_reset')!.body,
    ).toContain('token=T');
  });
});
