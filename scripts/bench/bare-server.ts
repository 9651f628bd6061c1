/**
 * Benchmark baseline: a bare Hono app on the same driver and database as the real server,
 * running the same SQL per request with nothing else (no middleware, no validation).
 * Started by scripts/bench.ts as its own process so both servers get the same treatment.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { loadConfig } from '../../api/config.ts';
import { openDatabase } from '../../api/db/client.ts';
import { baselineRoutes } from './cases.ts';

const config = loadConfig();
const db = openDatabase(config.database);
const app = new Hono();
for (const route of baselineRoutes) {
  app.get(route.path, (c) => {
    const result = route.handle(db, new URL(c.req.url).searchParams);
    return typeof result === 'string'
      ? c.body(result, 200, { 'Content-Type': 'application/json; charset=UTF-8' })
      : c.json(result);
  });
}
serve({ fetch: app.fetch, port: config.port, hostname: '127.0.0.1' }, () => {
  console.log('bare server ready');
});
