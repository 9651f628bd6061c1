/**
 * GET /api/places — gathering places with filters, bbox, distance search and paging;
 * GET /api/places/{id}; GET /api/places/map-config (which basemap the map should use).
 * Public open data: cacheable and readable from any origin (`Access-Control-Allow-Origin: *`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { setResponseHeader } from '../lib/node-headers.ts';
import { publicJsonText } from '../lib/responses.ts';
import { createRouter, ErrorSchema, errorResponses } from '../lib/openapi.ts';
import { ApiError } from '../lib/errors.ts';
import { getPlaceJson, listPlacesJson } from './repository.ts';
import { PlaceListQuery, PlaceListSchema, PlaceSchema, toFilters } from './schema.ts';

/** Where the offline style is served (built from the boundary, districts and places). */
export const OFFLINE_STYLE_PATH = '/places/map-style.json';

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['places'],
  summary: 'List gathering places (filters, bbox, near, paging)',
  description:
    'Places in display order, or by distance when `near` is given. Filters combine with AND. ' +
    'Sample records (unconfirmed, fictional) carry `sample: true`.',
  request: { query: PlaceListQuery },
  responses: {
    200: { description: 'A page of places', content: { 'application/json': { schema: PlaceListSchema } } },
    ...errorResponses,
  },
});

const oneRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['places'],
  summary: 'One gathering place',
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^[a-z][a-z0-9-]{0,80}$/)
        .openapi({ example: 'miyoshi-kominkan' }),
    }),
  },
  responses: {
    200: { description: 'The place', content: { 'application/json': { schema: PlaceSchema } } },
    404: { description: 'No such place', content: { 'application/json': { schema: ErrorSchema } } },
    ...errorResponses,
  },
});

const MapConfigSchema = z
  .object({
    styleUrl: z.string().nullable().openapi({ description: 'Basemap style; null = use the offline style' }),
    offlineStyleUrl: z.string(),
  })
  .openapi('MapConfig');

const mapConfigRoute = createRoute({
  method: 'get',
  path: '/map-config',
  tags: ['places'],
  summary: 'Which basemap style the map uses (from MAP_STYLE_URL)',
  responses: {
    200: { description: 'Map configuration', content: { 'application/json': { schema: MapConfigSchema } } },
  },
});

/** Places are public open data. */
const publicJson = (c: Context, body: string) => publicJsonText(c, body, { maxAge: 60, openData: true });

/** Routes under /api/places. */
export const placeRoutes = createRouter()
  .openapi(mapConfigRoute, (c) => {
    setResponseHeader(c, 'Cache-Control', 'public, max-age=300');
    return c.json({ styleUrl: c.var.deps.config.map.styleUrl, offlineStyleUrl: OFFLINE_STYLE_PATH }, 200);
  })
  .openapi(listRoute, (c) => publicJson(c, listPlacesJson(c.var.deps.db, toFilters(c.req.valid('query')))))
  .openapi(oneRoute, (c) => {
    const body = getPlaceJson(c.var.deps.db, c.req.valid('param').id);
    if (!body) throw new ApiError(404, 'not_found', 'There is no place with this id.');
    return publicJson(c, body);
  });
