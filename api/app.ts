/**
 * The API: `createApp(deps)` builds the Hono app served under /api.
 * Feature folders add their routers here; every route joins the OpenAPI document.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { accountRoutes } from './accounts/routes.ts';
import { authRoutes, sessionSecurityScheme } from './auth/routes.ts';
import { coordinatorRoutes } from './coordinator/routes.ts';
import { guardianRoutes } from './guardianship/routes.ts';
import { districtRoutes } from './districts/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { placeRoutes } from './places/routes.ts';
import { isDatabaseBusy } from './db/client.ts';
import { ApiError, errorResponse } from './lib/errors.ts';
import { log } from './lib/log.ts';
import { type AppDeps, type AppEnv, validationHook } from './lib/openapi.ts';
import { bodyLimitMiddleware } from './middleware/body-limit.ts';
import { csrfMiddleware } from './middleware/csrf.ts';
import { requestIdMiddleware } from './middleware/request-id.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { matchRoutes, opportunityRoutes } from './opportunities/routes.ts';
import { organizationRoutes } from './organizations/routes.ts';
import { apiSecurityHeadersMiddleware } from './middleware/security-headers.ts';

/** What `createApp` needs; `now` defaults to the system clock. */
export type CreateAppDeps = Omit<AppDeps, 'now'> & Partial<Pick<AppDeps, 'now'>>;

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'timeout',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Build the API app (mounted at /api). */
export function createApp(input: CreateAppDeps) {
  const deps: AppDeps = { now: () => Math.floor(Date.now() / 1000), ...input };
  const { config } = deps;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).basePath('/api');

  app.use(requestIdMiddleware());
  app.use(apiSecurityHeadersMiddleware(config));
  app.use(async (c, next) => {
    c.set('deps', deps);
    const started = performance.now();
    await next();
    if (config.logRequests) {
      // Only the path: query strings may carry personal data and never go to the logs.
      log.info('request', {
        id: c.var.requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      });
    }
  });
  app.use(csrfMiddleware(config));
  app.use(
    bodyLimitMiddleware({
      maxSize: config.bodyLimitBytes,
      onError: (c) =>
        errorResponse(c, 413, 'payload_too_large', `The request body is larger than ${config.bodyLimitBytes} bytes.`),
    }),
  );

  const routes = app
    .route('/health', healthRoutes)
    .route('/districts', districtRoutes)
    .route('/places', placeRoutes)
    .route('/auth', authRoutes)
    .route('/account', accountRoutes)
    .route('/organizations', organizationRoutes)
    .route('/coordinator', coordinatorRoutes)
    .route('/guardian', guardianRoutes)
    .route('/notifications', notificationRoutes)
    .route('/opportunities', opportunityRoutes)
    .route('/matches', matchRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', sessionSecurityScheme(config));
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'ささえあい日田 API',
      version: '1.0.0',
      description:
        'Public and personal data of the Sasaeai Hita community-welfare site. Errors are JSON `{ error: { code, message } }`. ' +
        'State-changing requests must come from the site itself (Origin or Sec-Fetch-Site checked).',
    },
    servers: [{ url: config.publicOrigin }],
  });

  app.notFound((c) => errorResponse(c, 404, 'not_found', `There is no API endpoint at ${c.req.method} ${c.req.path}.`));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
      return errorResponse(c, error.status, error.code, error.message, error.details);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const status = error.status;
      const message = /json/i.test(error.message)
        ? 'The request body is not valid JSON.'
        : error.message || 'Bad request.';
      return errorResponse(c, status, STATUS_CODES[status] ?? 'bad_request', message);
    }
    if (isDatabaseBusy(error)) {
      // Another writer held the database past the busy timeout (e.g. a backup or a migration):
      // nothing was written; the client may simply try again.
      log.warn('database busy', { id: c.var.requestId, path: c.req.path });
      c.header('Retry-After', '2');
      return errorResponse(c, 503, 'busy', 'The service is busy. Please try again in a moment.');
    }
    log.error('unhandled error', { id: c.var.requestId, path: c.req.path, error: String(error) });
    return errorResponse(c, 500, 'internal_error', 'Something went wrong on our side. Please try again later.');
  });
  return routes;
}

/** The API's type, for typed clients (`hono/client`). */
export type AppType = ReturnType<typeof createApp>;
