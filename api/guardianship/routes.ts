/**
 * /api/guardian — for a signed-in guardian: the people they are guardian of, each one's record
 * (audited, capacity guardian), their consents (recorded with capacity guardian) and their data as
 * a download. Only while the guardianship is active; anyone else gets 404. Thin handlers over
 * api/guardianship/service.ts (shared with the pages). The coordinator's side (record and end a
 * guardian) is under /api/coordinator/residents/{id}/guardians.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ConsentOverviewSchema } from '../accounts/routes.ts';
import { currentAuth, noStore, requireUser, serviceContext } from '../auth/middleware.ts';
import { createRouter, ErrorSchema } from '../lib/openapi.ts';
import { personalErrorResponses, SESSION_SECURITY } from '../lib/responses.ts';
import { GuardianConsentSchema, WardListSchema, WardRecordSchema } from './schema.ts';
import { exportAsGuardian, myWards, readAsGuardian, recordConsentAsGuardian } from './service.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const tags = ['guardian'];
const signedIn = { security: SESSION_SECURITY, middleware: [requireUser()] };
const IdParam = z.object({ id: z.string().max(100) });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/people',
    tags,
    summary: 'The people I am the guardian of (active guardianships only)',
    ...signedIn,
    responses: { 200: { description: 'People', ...json(WardListSchema) }, ...personalErrorResponses },
  }),
  read: createRoute({
    method: 'get',
    path: '/people/{id}',
    tags,
    summary: 'The record of a person I am guardian of (audited, capacity guardian)',
    ...signedIn,
    request: { params: IdParam },
    responses: { 200: { description: 'Record', ...json(WardRecordSchema) }, ...personalErrorResponses },
  }),
  consent: createRoute({
    method: 'post',
    path: '/people/{id}/consents',
    tags,
    summary: 'Grant or withdraw a consent for a person I am guardian of (consent log capacity guardian)',
    ...signedIn,
    request: { params: IdParam, body: { required: true, ...json(GuardianConsentSchema) } },
    responses: {
      200: { description: 'Consents', ...json(ConsentOverviewSchema) },
      409: { description: 'The account consent ends only with deletion', ...json(ErrorSchema) },
      ...personalErrorResponses,
    },
  }),
  exportData: createRoute({
    method: 'get',
    path: '/people/{id}/export',
    tags,
    summary: 'All data about a person I am guardian of, as a download (audited)',
    ...signedIn,
    request: { params: IdParam },
    responses: {
      200: { description: 'Their data', ...json(z.record(z.string(), z.unknown()).openapi('WardExport')) },
      ...personalErrorResponses,
    },
  }),
};

/** Routes under /api/guardian. */
export const guardianRoutes = createRouter();
guardianRoutes.use(noStore());
guardianRoutes
  .openapi(routes.list, (c) => c.json({ items: myWards(serviceContext(c), currentAuth(c)) }, 200))
  .openapi(routes.read, (c) => c.json(readAsGuardian(serviceContext(c), currentAuth(c), c.req.valid('param').id), 200))
  .openapi(routes.consent, (c) =>
    c.json(
      recordConsentAsGuardian(serviceContext(c), currentAuth(c), c.req.valid('param').id, c.req.valid('json')),
      200,
    ),
  )
  .openapi(routes.exportData, (c) => {
    const id = c.req.valid('param').id;
    const data = exportAsGuardian(serviceContext(c), currentAuth(c), id);
    c.header('Content-Disposition', `attachment; filename="sasaeai-hita-${id}.json"`);
    return c.json(data as Record<string, unknown>, 200);
  });
