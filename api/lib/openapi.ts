/**
 * Shared OpenAPI pieces: the app type, the validation hook and the error schema every route reuses.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { errorResponse } from './errors.ts';

/** What every handler can reach through `c.var`. */
export interface AppDeps {
  db: Db;
  config: Config;
  /** Current time in unix seconds (replaceable in tests). */
  now: () => number;
}

/** Hono environment of the API. */
export interface AppEnv {
  Variables: { deps: AppDeps; requestId: string };
}

/** Turn zod validation failures into 400 `invalid_request` with per-field details. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hook is shared by routes of every shape
export const validationHook: Hook<any, AppEnv, any, any> = (result, c) => {
  if (!result.success) {
    const details = result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || result.target,
      message: issue.message,
    }));
    const where = result.target === 'json' || result.target === 'form' ? 'body' : result.target;
    return errorResponse(c, 400, 'invalid_request', `The request ${where} is not valid.`, details);
  }
  return undefined;
};

/** A new router for a feature folder, with the shared validation hook. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/** The error body schema, for OpenAPI responses. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string(),
      details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

/** Standard error responses to spread into a route's `responses`. */
export const errorResponses = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorSchema } } },
} as const;
