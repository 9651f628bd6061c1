/**
 * /api/coordinator — proxy registration of residents, finding the people one serves, reading and
 * updating their record (audited), recording their consent, recording and ending their guardians
 * (api/guardianship). Coordinators only.
 * Thin handlers over api/coordinator/service.ts (shared with the console pages).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ConsentOverviewSchema } from '../accounts/routes.ts';
import { currentAuth, noStore, requireRole, serviceContext } from '../auth/middleware.ts';
import { createRouter, ErrorSchema } from '../lib/openapi.ts';
import { personalErrorResponses, SESSION_SECURITY } from '../lib/responses.ts';
import { GuardianshipListSchema, GuardianshipRequestSchema, GuardianshipSchema } from '../guardianship/schema.ts';
import { endGuardianship, grantGuardianship, listGuardianships } from '../guardianship/service.ts';
import { PROXY_CHANNELS } from '../privacy/consents.ts';
import { PURPOSES } from '../privacy/purposes.ts';
import {
  deleteResidentAccount,
  exportResidentData,
  findMyResidents,
  readResident,
  recordResidentConsent,
  registerResidentByProxy,
  updateResident,
} from './service.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, ...json(schema) } });
const tags = ['coordinator'];
const coordinators = { security: SESSION_SECURITY, middleware: [requireRole('coordinator')] };
const IdParam = z.object({ id: z.string().max(100) });
const GuardianshipParams = z.object({ id: z.string().max(100), guardianshipId: z.string().max(100) });

const ResidentRecordSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    nameKana: z.string().nullable(),
    phone: z.string().nullable(),
    districtId: z.string().nullable(),
    supportNeeds: z.string().nullable(),
    sensitiveConsent: z.boolean(),
    registeredByMe: z.boolean(),
    createdAt: z.number().int(),
    consents: ConsentOverviewSchema,
  })
  .openapi('ResidentRecord');

const routes = {
  register: createRoute({
    method: 'post',
    path: '/residents',
    tags,
    summary: 'Register a resident on their behalf, with their consent on record',
    ...coordinators,
    request: body(
      z
        .object({
          displayName: z.string().max(200),
          nameKana: z.string().max(200).optional(),
          phone: z.string().max(40).optional(),
          districtId: z.string().max(40).optional(),
          supportNeeds: z
            .string()
            .max(2000)
            .optional()
            .openapi({ description: '要配慮個人情報: needs the sensitive_support consent' }),
          purposes: z.array(z.enum(PURPOSES)).max(PURPOSES.length),
          channel: z.enum(PROXY_CHANNELS),
          decidedBy: z.enum(['person', 'guardian']),
        })
        .openapi('ProxyRegistration'),
    ),
    responses: { 201: { description: 'Registered', ...json(z.object({ id: z.string() })) }, ...personalErrorResponses },
  }),
  search: createRoute({
    method: 'post',
    path: '/residents/search',
    tags,
    summary: 'Find the people I support by name or kana (POST: names stay out of URLs)',
    ...coordinators,
    request: body(z.object({ query: z.string().max(100) }).openapi('ResidentSearch')),
    responses: {
      200: {
        description: 'People I support',
        ...json(
          z.object({
            items: z.array(
              z.object({
                id: z.string(),
                displayName: z.string(),
                nameKana: z.string().nullable(),
                districtId: z.string().nullable(),
                hasEmail: z.boolean(),
              }),
            ),
          }),
        ),
      },
      ...personalErrorResponses,
    },
  }),
  read: createRoute({
    method: 'get',
    path: '/residents/{id}',
    tags,
    summary: 'A resident’s record (audited)',
    ...coordinators,
    request: { params: IdParam },
    responses: { 200: { description: 'Record', ...json(ResidentRecordSchema) }, ...personalErrorResponses },
  }),
  update: createRoute({
    method: 'patch',
    path: '/residents/{id}',
    tags,
    summary: 'Update a resident’s record on their behalf (audited)',
    ...coordinators,
    request: {
      params: IdParam,
      ...body(
        z
          .object({
            displayName: z.string().max(200).optional(),
            nameKana: z.string().max(200).optional(),
            phone: z.string().max(40).optional(),
            districtId: z.string().max(40).optional(),
            supportNeeds: z.string().max(2000).optional(),
          })
          .openapi('ResidentUpdate'),
      ),
    },
    responses: { 200: { description: 'Record', ...json(ResidentRecordSchema) }, ...personalErrorResponses },
  }),
  exportData: createRoute({
    method: 'get',
    path: '/residents/{id}/export',
    tags,
    summary: 'All data about a resident, as a download, to hand over at their request (audited)',
    ...coordinators,
    request: { params: IdParam },
    responses: {
      200: { description: 'Their data', ...json(z.record(z.string(), z.unknown()).openapi('ResidentExport')) },
      ...personalErrorResponses,
    },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/residents/{id}',
    tags,
    summary: 'Delete the account of a resident without their own sign-in, at their request (audited)',
    ...coordinators,
    request: { params: IdParam },
    responses: {
      200: { description: 'Deleted', ...json(z.object({ deleted: z.literal(true) })) },
      409: { description: 'The person signs in and deletes their account themselves', ...json(ErrorSchema) },
      ...personalErrorResponses,
    },
  }),
  consent: createRoute({
    method: 'post',
    path: '/residents/{id}/consents',
    tags,
    summary: 'Record a consent decision given by phone, in person or on paper (audited)',
    ...coordinators,
    request: {
      params: IdParam,
      ...body(
        z
          .object({
            purpose: z.enum(PURPOSES),
            action: z.enum(['granted', 'withdrawn']),
            channel: z.enum(PROXY_CHANNELS),
            decidedBy: z.enum(['person', 'guardian']),
          })
          .openapi('ProxyConsent'),
      ),
    },
    responses: {
      200: { description: 'Consents', ...json(ConsentOverviewSchema) },
      409: { description: 'Refused', ...json(z.object({ error: z.any() })) },
      ...personalErrorResponses,
    },
  }),
  guardians: createRoute({
    method: 'get',
    path: '/residents/{id}/guardians',
    tags,
    summary: 'The guardians recorded for a resident, past and present',
    ...coordinators,
    request: { params: IdParam },
    responses: { 200: { description: 'Guardianships', ...json(GuardianshipListSchema) }, ...personalErrorResponses },
  }),
  grantGuardian: createRoute({
    method: 'post',
    path: '/residents/{id}/guardians',
    tags,
    summary: 'Record that an account holder is the guardian of a resident (audited)',
    ...coordinators,
    request: { params: IdParam, ...body(GuardianshipRequestSchema) },
    responses: {
      201: { description: 'Recorded', ...json(GuardianshipSchema) },
      409: { description: 'Already recorded as a guardian of this person', ...json(ErrorSchema) },
      ...personalErrorResponses,
    },
  }),
  endGuardian: createRoute({
    method: 'post',
    path: '/residents/{id}/guardians/{guardianshipId}/end',
    tags,
    summary: 'End a guardianship (audited; it then grants nothing)',
    ...coordinators,
    request: { params: GuardianshipParams },
    responses: {
      200: { description: 'Ended', ...json(GuardianshipSchema) },
      409: { description: 'Already ended', ...json(ErrorSchema) },
      ...personalErrorResponses,
    },
  }),
};

/** Routes under /api/coordinator. */
export const coordinatorRoutes = createRouter();
coordinatorRoutes.use(noStore());
coordinatorRoutes
  .openapi(routes.register, (c) =>
    c.json(registerResidentByProxy(serviceContext(c), currentAuth(c), c.req.valid('json')), 201),
  )
  .openapi(routes.search, (c) =>
    c.json({ items: findMyResidents(serviceContext(c), currentAuth(c), c.req.valid('json')) }, 200),
  )
  .openapi(routes.read, (c) => c.json(readResident(serviceContext(c), currentAuth(c), c.req.valid('param').id), 200))
  .openapi(routes.update, (c) =>
    c.json(updateResident(serviceContext(c), currentAuth(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(routes.exportData, (c) => {
    const id = c.req.valid('param').id;
    const data = exportResidentData(serviceContext(c), currentAuth(c), id);
    c.header('Content-Disposition', `attachment; filename="sasaeai-hita-${id}.json"`);
    return c.json(data as Record<string, unknown>, 200);
  })
  .openapi(routes.remove, (c) => {
    deleteResidentAccount(serviceContext(c), currentAuth(c), c.req.valid('param').id);
    return c.json({ deleted: true as const }, 200);
  })
  .openapi(routes.consent, (c) =>
    c.json(recordResidentConsent(serviceContext(c), currentAuth(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(routes.guardians, (c) =>
    c.json({ items: listGuardianships(serviceContext(c), currentAuth(c), c.req.valid('param').id) }, 200),
  )
  .openapi(routes.grantGuardian, (c) =>
    c.json(grantGuardianship(serviceContext(c), currentAuth(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(routes.endGuardian, (c) => {
    const { id, guardianshipId } = c.req.valid('param');
    return c.json(endGuardianship(serviceContext(c), currentAuth(c), id, guardianshipId), 200);
  });
