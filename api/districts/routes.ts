/**
 * GET /api/districts — the 地区 of Hita with a representative point each.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { AREAS } from '../content/districts.ts';
import { setResponseHeader } from '../lib/node-headers.ts';
import { createRouter, errorResponses } from '../lib/openapi.ts';
import { listDistricts } from './repository.ts';

const DistrictSchema = z
  .object({
    id: z.string(),
    nameJa: z.string(),
    nameEn: z.string(),
    reading: z.string(),
    area: z.enum(AREAS),
    lng: z.number(),
    lat: z.number(),
    sample: z.boolean().openapi({ description: 'true when the name or data is not yet confirmed' }),
    source: z.string(),
    checkedOn: z.string(),
  })
  .openapi('District');

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['places'],
  summary: 'List the 地区 (districts)',
  request: {
    query: z.object({ area: z.enum(AREAS).optional().openapi({ description: 'Only districts of this area' }) }),
  },
  responses: {
    200: {
      description: 'Districts in display order',
      content: { 'application/json': { schema: z.object({ items: z.array(DistrictSchema) }) } },
    },
    ...errorResponses,
  },
});

/** Routes under /api/districts. */
export const districtRoutes = createRouter().openapi(listRoute, (c) => {
  const { area } = c.req.valid('query');
  setResponseHeader(c, 'Cache-Control', 'public, max-age=300');
  const items = listDistricts(c.var.deps.db, area ?? null).map((row) => ({
    ...row,
    area: row.area as (typeof AREAS)[number],
  }));
  return c.json({ items }, 200);
});
