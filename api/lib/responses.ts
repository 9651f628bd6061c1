/**
 * OpenAPI response entries shared by the personal (signed-in) endpoints.
 */
import { ErrorSchema } from './openapi.ts';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

/** 400 / 401 / 403 / 404 / 429 error responses. */
export const personalErrorResponses = {
  400: error('Invalid request (details name the fields)'),
  401: error('Not signed in'),
  403: error('Signed in without the role or relation needed'),
  404: error('Not found (or not yours)'),
  429: error('Too many attempts; see Retry-After'),
} as const;

/** The cookie security scheme name used in `security`. */
export const SESSION_SECURITY = [{ sessionCookie: [] }];
