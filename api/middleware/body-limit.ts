/**
 * Request body size limit that stays cheap under Node.
 *
 * Hono's `bodyLimit` first reads `c.req.raw.body`, which makes @hono/node-server build a full
 * WHATWG Request with a web stream over the socket — and every later `c.req.json()` then goes
 * through that stream. That costs more than the rest of a small JSON write. Hono's middleware
 * trusts a `Content-Length` without `Transfer-Encoding` anyway (Node's HTTP parser delivers
 * exactly that many bytes and refuses requests carrying both), so this one answers the same
 * question from the raw Node headers and hands only the other cases (chunked bodies, no length,
 * non-Node runtimes such as `app.request` in tests) to Hono's `bodyLimit`, which counts the bytes.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestHeader } from '../lib/node-headers.ts';

const DECIMAL = /^\d+$/;

/** What the size check decides from the headers alone. */
export type DeclaredBody = 'none' | 'within' | 'over' | 'unknown';

/**
 * Decide from `Content-Length` / `Transfer-Encoding` (pure): `unknown` when the bytes must be
 * counted (chunked, no or malformed length).
 */
export function declaredBodySize(
  contentLength: string | undefined,
  transferEncoding: string | undefined,
  maxSize: number,
): DeclaredBody {
  if (transferEncoding !== undefined || contentLength === undefined || !DECIMAL.test(contentLength)) return 'unknown';
  const length = Number(contentLength);
  if (length === 0) return 'none';
  return length > maxSize ? 'over' : 'within';
}

/** Refuse bodies larger than `maxSize` bytes with `onError`; GET and HEAD are never checked. */
export function bodyLimitMiddleware(options: {
  maxSize: number;
  onError: (c: Context) => Response | Promise<Response>;
}): MiddlewareHandler {
  const counting = bodyLimit(options);
  return (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const hasNodeRequest = (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined;
    if (hasNodeRequest) {
      const declared = declaredBodySize(
        requestHeader(c, 'content-length'),
        requestHeader(c, 'transfer-encoding'),
        options.maxSize,
      );
      if (declared === 'over') return Promise.resolve(options.onError(c));
      if (declared !== 'unknown') return next();
    }
    return counting(c, next);
  };
}
