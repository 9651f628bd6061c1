/**
 * Health: is the database reachable, and at which schema version.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { schemaVersion } from '../db/migrate.ts';
import { setResponseHeader } from '../lib/node-headers.ts';
import { createRouter, ErrorSchema } from '../lib/openapi.ts';

const HealthSchema = z
  .object({
    status: z.enum(['ok']),
    database: z.object({ kind: z.string(), schemaVersion: z.number().int() }),
  })
  .openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['system'],
  summary: 'Service health',
  responses: {
    200: { description: 'The API and its database work', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: 'The database cannot be reached', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

/** Routes under /api/health. */
export const healthRoutes = createRouter().openapi(healthRoute, (c) => {
  const { db } = c.var.deps;
  setResponseHeader(c, 'Cache-Control', 'no-store');
  try {
    return c.json({ status: 'ok' as const, database: { kind: db.kind, schemaVersion: schemaVersion(db) } }, 200);
  } catch {
    return c.json({ error: { code: 'database_unavailable', message: 'The database cannot be reached.' } }, 503);
  }
});
