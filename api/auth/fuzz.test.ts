/**
 * R1 for the account endpoints: arbitrary, half-valid and hostile inputs (unicode, huge strings,
 * forged tokens and cookies) never produce a 5xx, and the token and cookie parsers never throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, postJson, sessionCookie } from '../test/helpers.ts';
import { readSessionToken } from './cookies.ts';
import { checkNewPassword } from './password.ts';
import { validateSessionToken } from './session.ts';
import { parseToken } from './tokens.ts';
import { emailProblem } from './validation.ts';

const { app, db, config } = createTestApp({ config: { trustProxy: true } });
const user = await createTestUser(db, { email: 'fuzz@example.jp', password: 'fuzzing is fun 1' });

const tokenish = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.stringMatching(/^[a-z2-7]{24}\.[a-z2-7]{52}$/),
  fc.constantFrom('', '.', 'a.b', `${'a'.repeat(24)}.${'a'.repeat(52)}`),
);
const emailish = fc.oneof(fc.emailAddress(), fc.string({ maxLength: 60 }), fc.constant('fuzz@example.jp'));
const passwordish = fc.oneof(
  fc.string({ maxLength: 140 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constant('fuzzing is fun 1'),
);
const anyValue = fc.oneof(fc.jsonValue(), fc.string(), fc.constant(undefined));

const request = fc.oneof(
  fc.record({ path: fc.constant('/api/auth/sign-in'), body: fc.record({ email: emailish, password: passwordish }) }),
  fc.record({
    path: fc.constant('/api/auth/sign-up'),
    body: fc.record({
      email: emailish,
      password: passwordish,
      displayName: fc.string({ maxLength: 120 }),
      locale: fc.constantFrom('ja', 'en', 'easy', 'xx'),
      roles: fc.array(fc.constantFrom('resident', 'volunteer', 'driver', 'business', 'admin', 'coordinator'), {
        maxLength: 5,
      }),
      acceptPolicy: fc.oneof(fc.boolean(), anyValue),
    }),
  }),
  fc.record({ path: fc.constant('/api/auth/verify-email'), body: fc.record({ token: tokenish }) }),
  fc.record({ path: fc.constant('/api/auth/password-reset'), body: fc.record({ email: emailish }) }),
  fc.record({
    path: fc.constant('/api/auth/password-reset/confirm'),
    body: fc.record({ token: tokenish, password: passwordish }),
  }),
  fc.record({
    path: fc.constantFrom('/api/auth/password', '/api/auth/sessions/end-others', '/api/auth/verify-email/resend'),
    body: fc.record({ currentPassword: passwordish, newPassword: passwordish }),
  }),
);

describe('fuzzing the account endpoints (R1)', () => {
  it('never answers 5xx, with or without a valid or forged session cookie', async () => {
    await fc.assert(
      fc.asyncProperty(
        request,
        fc.oneof(fc.constant(null), fc.constant('valid'), tokenish),
        fc.ipV4(),
        async ({ path, body }, cookieKind, ip) => {
          const cookie =
            cookieKind === 'valid'
              ? sessionCookie(db, user.id)
              : cookieKind === null
                ? undefined
                : `sasaeai_session=${cookieKind}`;
          const response = await postJson(app, path, body, { 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}) });
          expect(response.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
          if (response.status >= 400) {
            const payload = (await response.json()) as { error?: { code?: unknown } };
            expect(typeof payload.error?.code).toBe('string');
          }
        },
      ),
      { numRuns: 1500 },
    );
  }, 120_000);

  it('parsers and checks never throw on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (value) => {
        parseToken(value);
        readSessionToken(value, config);
        readSessionToken(`sasaeai_session=${value}`, config);
        emailProblem(value);
        checkNewPassword(value, { email: value, displayName: value });
        expect(validateSessionToken(db, value, 1_900_000_000)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });
});
