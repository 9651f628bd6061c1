/**
 * Cheap header access under Node. With @hono/node-server, reading `c.req.header()` builds a
 * full Request and `c.header()` builds a Headers object for the response — together they
 * halve the throughput of a small JSON route. Under Node the raw `incoming`/`outgoing` objects
 * are on `c.env`, so constant headers go straight onto the Node response (Node merges them
 * with the ones Hono writes; Hono's own win on a clash). Elsewhere (tests with `app.request`)
 * the portable Hono calls are used: the bytes on the wire are the same.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';

interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

function nodeBindings(c: Context): NodeBindings | undefined {
  const env = c.env as NodeBindings | undefined;
  return env && typeof env === 'object' && 'outgoing' in env ? env : undefined;
}

/** Set a response header that handlers rarely override. */
export function setResponseHeader(c: Context, name: string, value: string): void {
  const outgoing = nodeBindings(c)?.outgoing;
  if (outgoing && !outgoing.headersSent) outgoing.setHeader(name, value);
  else c.header(name, value);
}

/** Read a request header (lower-case name). */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = nodeBindings(c)?.incoming;
  if (incoming) {
    const value = incoming.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }
  return c.req.header(name);
}
