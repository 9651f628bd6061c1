/**
 * Development only: a Node request listener for the API, loaded through Vite by the dev
 * integration so edits to API code apply on the next request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createApp } from '../app.ts';
import { ensureRuntime } from '../runtime.ts';

const runtime = ensureRuntime();
const handle = getRequestListener(createApp({ db: runtime.db, config: runtime.config }).fetch);

/** Handle one /api request. */
export function listener(req: IncomingMessage, res: ServerResponse): Promise<void> {
  return handle(req, res);
}
