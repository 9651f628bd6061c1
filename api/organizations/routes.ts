/**
 * /api/organizations — register, list mine, members; coordinators review pending ones.
 * Thin handlers over api/organizations/service.ts (shared with the pages).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentAuth, noStore, requireRole, requireUser, serviceContext } from '../auth/middleware.ts';
import { createRouter } from '../lib/openapi.ts';
import { personalErrorResponses, SESSION_SECURITY } from '../lib/responses.ts';
import {
  addMember,
  getOrganization,
  myOrganizations,
  ORG_KINDS,
  pendingOrganizations,
  registerOrganization,
  removeMember,
  reviewOrganization,
} from './service.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, ...json(schema) } });
const tags = ['organizations'];
const signedIn = { security: SESSION_SECURITY, middleware: [requireUser()] };
const coordinators = { security: SESSION_SECURITY, middleware: [requireRole('coordinator')] };

const OrganizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ORG_KINDS),
    corporateNumber: z.string().nullable(),
    status: z.enum(['pending', 'verified', 'rejected']),
    createdAt: z.number().int(),
    reviewedAt: z.number().int().nullable(),
    reviewNote: z.string().nullable(),
  })
  .openapi('Organization');

const MemberSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: z.enum(['owner', 'member']),
  addedAt: z.number().int(),
});

const IdParam = z.object({ id: z.string().max(100) });

const routes = {
  register: createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: 'Register an organization (pending until a coordinator verifies it)',
    ...signedIn,
    request: body(
      z
        .object({
          name: z.string().max(400),
          kind: z.enum(ORG_KINDS),
          corporateNumber: z.string().max(40).optional().openapi({ description: '法人番号 (13 digits), optional' }),
        })
        .openapi('OrganizationRegistration'),
    ),
    responses: { 201: { description: 'Registered', ...json(OrganizationSchema) }, ...personalErrorResponses },
  }),
  mine: createRoute({
    method: 'get',
    path: '/mine',
    tags,
    summary: 'The organizations I belong to',
    ...signedIn,
    responses: {
      200: {
        description: 'Mine',
        ...json(z.object({ items: z.array(OrganizationSchema.extend({ myRole: z.enum(['owner', 'member']) })) })),
      },
      ...personalErrorResponses,
    },
  }),
  pending: createRoute({
    method: 'get',
    path: '/pending',
    tags,
    summary: 'Organizations waiting for review (coordinators)',
    ...coordinators,
    responses: {
      200: {
        description: 'Pending',
        ...json(z.object({ items: z.array(OrganizationSchema.extend({ registeredBy: z.string() })) })),
      },
      ...personalErrorResponses,
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'An organization and its members (members and coordinators)',
    ...signedIn,
    request: { params: IdParam },
    responses: {
      200: {
        description: 'Organization',
        ...json(
          z.object({
            organization: OrganizationSchema,
            members: z.array(MemberSchema),
            myRole: z.enum(['owner', 'member']).nullable(),
          }),
        ),
      },
      ...personalErrorResponses,
    },
  }),
  addMember: createRoute({
    method: 'post',
    path: '/{id}/members',
    tags,
    summary: 'Add a member by e-mail (owners of verified organizations; same answer for every address)',
    ...signedIn,
    request: { params: IdParam, ...body(z.object({ email: z.string().max(320) }).openapi('MemberInvitation')) },
    responses: {
      202: { description: 'Invited', ...json(z.object({ status: z.literal('invited'), message: z.string() })) },
      ...personalErrorResponses,
    },
  }),
  removeMember: createRoute({
    method: 'delete',
    path: '/{id}/members/{userId}',
    tags,
    summary: 'Remove a member (owners)',
    ...signedIn,
    request: { params: IdParam.extend({ userId: z.string().max(100) }) },
    responses: {
      204: { description: 'Removed' },
      409: { description: 'The last owner stays', ...json(z.object({ error: z.any() })) },
      ...personalErrorResponses,
    },
  }),
  review: createRoute({
    method: 'post',
    path: '/{id}/review',
    tags,
    summary: 'Verify or reject an organization (coordinators)',
    ...coordinators,
    request: {
      params: IdParam,
      ...body(
        z
          .object({ decision: z.enum(['verify', 'reject']), note: z.string().max(2000).optional() })
          .openapi('OrganizationReview'),
      ),
    },
    responses: { 200: { description: 'Reviewed', ...json(OrganizationSchema) }, ...personalErrorResponses },
  }),
};

/** Routes under /api/organizations. */
export const organizationRoutes = createRouter();
organizationRoutes.use(noStore());
organizationRoutes
  .openapi(routes.register, (c) =>
    c.json(registerOrganization(serviceContext(c), currentAuth(c), c.req.valid('json')), 201),
  )
  .openapi(routes.mine, (c) => c.json({ items: myOrganizations(serviceContext(c), currentAuth(c)) }, 200))
  .openapi(routes.pending, (c) => c.json({ items: pendingOrganizations(serviceContext(c)) }, 200))
  .openapi(routes.get, (c) => c.json(getOrganization(serviceContext(c), currentAuth(c), c.req.valid('param').id), 200))
  .openapi(routes.addMember, (c) =>
    c.json(addMember(serviceContext(c), currentAuth(c), c.req.valid('param').id, c.req.valid('json')), 202),
  )
  .openapi(routes.removeMember, (c) => {
    const { id, userId } = c.req.valid('param');
    removeMember(serviceContext(c), currentAuth(c), id, userId);
    return c.body(null, 204);
  })
  .openapi(routes.review, (c) =>
    c.json(reviewOrganization(serviceContext(c), currentAuth(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
