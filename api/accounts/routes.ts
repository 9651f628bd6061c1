/**
 * /api/account — my profile, consents, data export and deletion; /api/account/admin — roles, the
 * audit log and the security events (admins). Thin handlers over api/accounts/service.ts (shared with the pages).
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  clearSessionCookie,
  currentAuth,
  noStore,
  requireRole,
  requireUser,
  serviceContext,
} from '../auth/middleware.ts';
import { ACCOUNT_LOCALES, ROLES } from '../auth/roles.ts';
import { createRouter } from '../lib/openapi.ts';
import { personalErrorResponses, SESSION_SECURITY } from '../lib/responses.ts';
import { PURPOSES } from '../privacy/purposes.ts';
import { SECURITY_EVENT_TYPES } from '../privacy/security-events.ts';
import { changeRole, endSessionsOf, readAuditLog, readSecurityEvents } from './admin.ts';
import { deleteMyAccount, exportMyData, getMyProfile, myConsents, setMyConsent, updateMyProfile } from './service.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, ...json(schema) } });
const tags = ['account'];
const signedIn = { security: SESSION_SECURITY, middleware: [requireUser()] };
const adminOnly = { security: SESSION_SECURITY, middleware: [requireRole('admin')] };

const ProfileSchema = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    emailVerified: z.boolean(),
    displayName: z.string(),
    nameKana: z.string().nullable(),
    phone: z.string().nullable(),
    districtId: z.string().nullable(),
    locale: z.enum(ACCOUNT_LOCALES),
    roles: z.array(z.enum(ROLES)),
    createdAt: z.number().int(),
  })
  .openapi('Profile');

const ProfilePatch = z
  .object({
    displayName: z.string().max(200).optional(),
    nameKana: z.string().max(200).optional(),
    phone: z.string().max(40).optional(),
    districtId: z.string().max(40).optional(),
    locale: z.enum(ACCOUNT_LOCALES).optional(),
  })
  .openapi('ProfilePatch');

const ConsentEntrySchema = z.object({
  id: z.number().int(),
  subjectId: z.string(),
  actorId: z.string(),
  capacity: z.enum(['self', 'guardian', 'proxy']),
  decidedBy: z.enum(['person', 'guardian']),
  purpose: z.string(),
  policyVersion: z.string(),
  channel: z.enum(['web', 'phone', 'in_person', 'paper']),
  action: z.enum(['granted', 'withdrawn']),
  at: z.number().int(),
});

/** Consent overview (also used by the coordinator routes). */
export const ConsentOverviewSchema = z
  .object({
    policyVersion: z.string(),
    purposes: z.array(
      z.object({
        purpose: z.enum(PURPOSES),
        granted: z.boolean(),
        withdrawable: z.boolean(),
        latest: ConsentEntrySchema.nullable(),
      }),
    ),
    history: z.array(ConsentEntrySchema),
  })
  .openapi('ConsentOverview');

const routes = {
  me: createRoute({
    method: 'get',
    path: '/me',
    tags,
    summary: 'My profile and roles',
    ...signedIn,
    responses: { 200: { description: 'Profile', ...json(ProfileSchema) }, ...personalErrorResponses },
  }),
  patchMe: createRoute({
    method: 'patch',
    path: '/me',
    tags,
    summary: 'Change my profile',
    ...signedIn,
    request: body(ProfilePatch),
    responses: { 200: { description: 'Profile', ...json(ProfileSchema) }, ...personalErrorResponses },
  }),
  consents: createRoute({
    method: 'get',
    path: '/me/consents',
    tags,
    summary: 'My consents per purpose, and their log',
    ...signedIn,
    responses: { 200: { description: 'Consents', ...json(ConsentOverviewSchema) }, ...personalErrorResponses },
  }),
  setConsent: createRoute({
    method: 'post',
    path: '/me/consents',
    tags,
    summary: 'Grant or withdraw a consent',
    ...signedIn,
    request: body(
      z.object({ purpose: z.enum(PURPOSES), action: z.enum(['granted', 'withdrawn']) }).openapi('ConsentChange'),
    ),
    responses: {
      200: { description: 'Consents', ...json(ConsentOverviewSchema) },
      409: { description: 'The account consent ends only with deletion', ...json(z.object({ error: z.any() })) },
      ...personalErrorResponses,
    },
  }),
  exportData: createRoute({
    method: 'get',
    path: '/me/export',
    tags,
    summary: 'Download everything held about me (JSON)',
    ...signedIn,
    responses: {
      200: { description: 'All my data', ...json(z.record(z.string(), z.unknown())) },
      ...personalErrorResponses,
    },
  }),
  deleteMe: createRoute({
    method: 'delete',
    path: '/me',
    tags,
    summary: 'Delete my account (sessions end, personal fields are erased at once)',
    ...signedIn,
    request: body(z.object({ password: z.string().max(1024) }).openapi('AccountDeletion')),
    responses: { 204: { description: 'Deleted' }, ...personalErrorResponses },
  }),
  changeRole: createRoute({
    method: 'post',
    path: '/admin/roles',
    tags: ['admin'],
    summary: 'Grant or revoke a role (admins)',
    ...adminOnly,
    request: body(
      z
        .object({ email: z.string().max(320), role: z.enum(ROLES), action: z.enum(['grant', 'revoke']) })
        .openapi('RoleChange'),
    ),
    responses: {
      200: {
        description: 'Done',
        ...json(z.object({ userId: z.string(), role: z.enum(ROLES), changed: z.boolean() })),
      },
      409: { description: 'Refused', ...json(z.object({ error: z.any() })) },
      ...personalErrorResponses,
    },
  }),
  endSessions: createRoute({
    method: 'post',
    path: '/admin/sessions/end',
    tags: ['admin'],
    summary: 'End every session of a person (admins; audited)',
    ...adminOnly,
    request: body(z.object({ email: z.string().max(320) }).openapi('EndSessionsOf')),
    responses: {
      200: { description: 'Ended', ...json(z.object({ ended: z.number().int() })) },
      ...personalErrorResponses,
    },
  }),
  audit: createRoute({
    method: 'get',
    path: '/admin/audit',
    tags: ['admin'],
    summary: 'The newest audit-log entries (admins; the read is audited)',
    ...adminOnly,
    responses: {
      200: {
        description: 'Entries',
        ...json(
          z.object({
            items: z.array(
              z.object({
                id: z.number().int(),
                actorId: z.string().nullable(),
                actorName: z.string().nullable(),
                action: z.string(),
                subjectId: z.string().nullable(),
                detail: z.string().nullable(),
                at: z.number().int(),
              }),
            ),
          }),
        ),
      },
      ...personalErrorResponses,
    },
  }),
  securityEvents: createRoute({
    method: 'get',
    path: '/admin/security-events',
    tags: ['admin'],
    summary: 'The newest security events: sign-ins, failures, rate limits, password and role changes (admins)',
    ...adminOnly,
    request: {
      query: z.object({
        type: z.enum(SECURITY_EVENT_TYPES).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
    },
    responses: {
      200: {
        description: 'Events, newest first. Addresses and submitted identifiers appear only as keyed hashes.',
        ...json(
          z.object({
            items: z.array(
              z
                .object({
                  id: z.number().int(),
                  at: z.number().int(),
                  type: z.string(),
                  userId: z.string().nullable(),
                  actorId: z.string().nullable(),
                  ipHash: z.string().nullable(),
                  identifierHash: z.string().nullable(),
                  detail: z.string().nullable(),
                })
                .openapi('SecurityEvent'),
            ),
          }),
        ),
      },
      ...personalErrorResponses,
    },
  }),
};

/** Routes under /api/account. */
export const accountRoutes = createRouter();
accountRoutes.use(noStore());
accountRoutes
  .openapi(routes.me, (c) => c.json(getMyProfile(serviceContext(c), currentAuth(c)), 200))
  .openapi(routes.patchMe, (c) => c.json(updateMyProfile(serviceContext(c), currentAuth(c), c.req.valid('json')), 200))
  .openapi(routes.consents, (c) => c.json(myConsents(serviceContext(c), currentAuth(c)), 200))
  .openapi(routes.setConsent, (c) => c.json(setMyConsent(serviceContext(c), currentAuth(c), c.req.valid('json')), 200))
  .openapi(routes.exportData, (c) => {
    const data = exportMyData(serviceContext(c), currentAuth(c));
    c.header('Content-Disposition', `attachment; filename="sasaeai-hita-my-data-${data.exportedAt.slice(0, 10)}.json"`);
    return c.json(data, 200);
  })
  .openapi(routes.deleteMe, async (c) => {
    await deleteMyAccount(serviceContext(c), currentAuth(c), c.req.valid('json'));
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(routes.changeRole, (c) => c.json(changeRole(serviceContext(c), currentAuth(c), c.req.valid('json')), 200))
  .openapi(routes.endSessions, (c) =>
    c.json(endSessionsOf(serviceContext(c), currentAuth(c), c.req.valid('json')), 200),
  )
  .openapi(routes.audit, (c) => c.json({ items: readAuditLog(serviceContext(c), currentAuth(c)) }, 200))
  .openapi(routes.securityEvents, (c) =>
    c.json({ items: readSecurityEvents(serviceContext(c), currentAuth(c), c.req.valid('query')) }, 200),
  );
