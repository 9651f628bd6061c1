/**
 * Request id: keep a sane incoming `X-Request-Id` (from a proxy) or make one, expose it as
 * `c.var.requestId` and in the response header, so a user's error report can be found in logs.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { requestHeader, setResponseHeader } from '../lib/node-headers.ts';

const VALID_ID = /^[\w\-.:]{1,100}$/;

/** Hono middleware setting the request id. */
export function requestIdMiddleware(): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async (c, next) => {
    const incoming = requestHeader(c, 'x-request-id');
    const id = incoming && VALID_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', id);
    setResponseHeader(c, 'X-Request-Id', id);
    await next();
  };
}
