/**
 * /api/auth — sign-up, sign-in, sign-out, e-mail verification, password reset and change, sessions.
 * Thin: each handler validates the shape, builds the service context and calls api/auth/service.ts
 * (the same functions the /account pages call).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Config } from '../config.ts';
import { createRouter } from '../lib/openapi.ts';
import { sessionCookieName } from './cookies.ts';
import { personalErrorResponses, SESSION_SECURITY } from '../lib/responses.ts';
import {
  clearSessionCookie,
  currentAuth,
  getAuth,
  noStore,
  requestSessionToken,
  requireUser,
  serviceContext,
  setSessionCookie,
} from './middleware.ts';
import {
  AcceptedSchema,
  ChangePasswordBody,
  EmailBody,
  ResetBody,
  SessionIdParam,
  SessionUserSchema,
  SessionViewSchema,
  SignInBody,
  SignUpBody,
  TokenBody,
} from './schema.ts';
import {
  changePassword,
  endMySession,
  endOtherSessions,
  mySessions,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signIn,
  signOut,
  signUp,
  verifyEmail,
} from './service.ts';
import { sessionExpiresAt, validateSessionToken } from './session.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, ...json(schema) } });
const tags = ['auth'];

const signUpRoute = createRoute({
  method: 'post',
  path: '/sign-up',
  tags,
  summary: 'Create an account (the answer is the same for new and existing addresses)',
  request: body(SignUpBody),
  responses: { 202: { description: 'Check your e-mail', ...json(AcceptedSchema) }, ...personalErrorResponses },
});

const signInRoute = createRoute({
  method: 'post',
  path: '/sign-in',
  tags,
  summary: 'Sign in; sets a new session cookie',
  request: body(SignInBody),
  responses: {
    200: { description: 'Signed in', ...json(z.object({ user: SessionUserSchema })) },
    ...personalErrorResponses,
  },
});

const signOutRoute = createRoute({
  method: 'post',
  path: '/sign-out',
  tags,
  summary: 'Sign out (ends this session)',
  responses: { 204: { description: 'Signed out' }, ...personalErrorResponses },
});

const sessionRoute = createRoute({
  method: 'get',
  path: '/session',
  tags,
  summary: 'Who is signed in',
  security: SESSION_SECURITY,
  middleware: [requireUser()] as const,
  responses: {
    200: { description: 'The signed-in person', ...json(z.object({ user: SessionUserSchema })) },
    ...personalErrorResponses,
  },
});

const verifyRoute = createRoute({
  method: 'post',
  path: '/verify-email',
  tags,
  summary: 'Confirm an e-mail address with the token from the e-mail',
  request: body(TokenBody),
  responses: {
    200: { description: 'Confirmed', ...json(z.object({ verified: z.literal(true) })) },
    ...personalErrorResponses,
  },
});

const resendRoute = createRoute({
  method: 'post',
  path: '/verify-email/resend',
  tags,
  summary: 'Send the verification e-mail again',
  security: SESSION_SECURITY,
  middleware: [requireUser()] as const,
  responses: {
    202: { description: 'Sent when needed', ...json(z.object({ sent: z.boolean() })) },
    ...personalErrorResponses,
  },
});

const resetRequestRoute = createRoute({
  method: 'post',
  path: '/password-reset',
  tags,
  summary: 'Ask for a password reset link (same answer for every address)',
  request: body(EmailBody),
  responses: { 202: { description: 'Check your e-mail', ...json(AcceptedSchema) }, ...personalErrorResponses },
});

const resetConfirmRoute = createRoute({
  method: 'post',
  path: '/password-reset/confirm',
  tags,
  summary: 'Set a new password with the reset token; every session ends',
  request: body(ResetBody),
  responses: {
    200: { description: 'Password set', ...json(z.object({ reset: z.literal(true) })) },
    ...personalErrorResponses,
  },
});

const changePasswordRoute = createRoute({
  method: 'post',
  path: '/password',
  tags,
  summary: 'Change the password; every other session ends',
  security: SESSION_SECURITY,
  middleware: [requireUser()] as const,
  request: body(ChangePasswordBody),
  responses: {
    200: { description: 'Changed', ...json(z.object({ endedSessions: z.number().int() })) },
    ...personalErrorResponses,
  },
});

const listSessionsRoute = createRoute({
  method: 'get',
  path: '/sessions',
  tags,
  summary: 'My sessions (devices where I am signed in)',
  security: SESSION_SECURITY,
  middleware: [requireUser()] as const,
  responses: {
    200: { description: 'Sessions', ...json(z.object({ items: z.array(SessionViewSchema) })) },
    ...personalErrorResponses,
  },
});

const endSessionRoute = createRoute({
  method: 'delete',
  path: '/sessions/{id}',
  tags,
  summary: 'End one of my sessions',
  security: SESSION_SECURITY,
  middleware: [requireUser()] as const,
  request: { params: SessionIdParam },
  responses: { 204: { description: 'Ended' }, ...personalErrorResponses },
});

const endOthersRoute = createRoute({
  method: 'post',
  path: '/sessions/end-others',
  tags,
  summary: 'Sign out of every other device',
  security: SESSION_SECURITY,
  middleware: [requireUser()] as const,
  responses: {
    200: { description: 'Ended', ...json(z.object({ ended: z.number().int() })) },
    ...personalErrorResponses,
  },
});

/** Routes under /api/auth. */
export const authRoutes = createRouter();
authRoutes.use(noStore());
authRoutes
  .openapi(signUpRoute, async (c) => {
    const result = await signUp(serviceContext(c), c.req.valid('json'));
    return c.json(result, 202);
  })
  .openapi(signInRoute, async (c) => {
    const ctx = serviceContext(c);
    const token = requestSessionToken(c);
    const previous = token ? validateSessionToken(ctx.db, token, ctx.now) : null;
    const { token: newToken, session } = await signIn(ctx, c.req.valid('json'), previous?.session.id);
    setSessionCookie(c, newToken, sessionExpiresAt(session), ctx.now);
    const validated = validateSessionToken(ctx.db, newToken, ctx.now);
    return c.json({ user: validated!.user }, 200);
  })
  .openapi(signOutRoute, (c) => {
    const auth = getAuth(c);
    if (auth) signOut(serviceContext(c), auth);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(sessionRoute, (c) => c.json({ user: currentAuth(c).user }, 200))
  .openapi(verifyRoute, (c) => {
    verifyEmail(serviceContext(c), c.req.valid('json').token);
    return c.json({ verified: true as const }, 200);
  })
  .openapi(resendRoute, (c) => c.json(resendVerification(serviceContext(c), currentAuth(c)), 202))
  .openapi(resetRequestRoute, (c) => c.json(requestPasswordReset(serviceContext(c), c.req.valid('json')), 202))
  .openapi(resetConfirmRoute, async (c) => {
    await resetPassword(serviceContext(c), c.req.valid('json'));
    return c.json({ reset: true as const }, 200);
  })
  .openapi(changePasswordRoute, async (c) =>
    c.json(await changePassword(serviceContext(c), currentAuth(c), c.req.valid('json')), 200),
  )
  .openapi(listSessionsRoute, (c) => c.json({ items: mySessions(serviceContext(c), currentAuth(c)) }, 200))
  .openapi(endSessionRoute, (c) => {
    endMySession(serviceContext(c), currentAuth(c), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(endOthersRoute, (c) => c.json(endOtherSessions(serviceContext(c), currentAuth(c)), 200));

/** The OpenAPI security scheme of the session cookie. */
export function sessionSecurityScheme(config: Pick<Config, 'secureCookies'>) {
  return {
    type: 'apiKey' as const,
    in: 'cookie' as const,
    name: sessionCookieName(config),
    description: 'Session token `id.secret`, set by POST /api/auth/sign-in (HttpOnly, SameSite=Lax).',
  };
}
