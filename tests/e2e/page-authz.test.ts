/**
 * S7 for the no-JavaScript side: runs the page matrix of tests/e2e/page-authz-matrix.ts — every form
 * POST of an on-demand page × every persona — and fails when a page that accepts POST has no row.
 *
 * In this process, for speed: the built Astro handler (dist/server/entry.mjs) behind the real front
 * server (createServerApp, which also refuses cross-site POSTs), listening once on a free port.
 * Each cell runs against a world of api/test/world.ts made the pages' runtime for that request
 * (the pages find it through `ensureRuntime()`); rows that change state get a fresh in-memory world.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../api/runtime.ts';
import { type AstroHandler, createServerApp, distDir } from '../../api/server.ts';
import { sessionCookie } from '../../api/test/helpers.ts';
import { createWorld, type World } from '../../api/test/world.ts';
import { type Outcome, PAGE_PERSONAS, PAGE_ROWS, type PagePersona, type PageRow } from './page-authz-matrix.ts';

const PAGES_DIR = path.resolve('src/pages');
/** How a page says it accepts POST: a POST endpoint, or a branch on the request method. */
const ACCEPTS_POST = [
  /Astro\.request\.method\s*===?\s*['"]POST['"]/,
  /export\s+(const|(async\s+)?function)\s+(POST|ALL)\b/,
];

/** Every file under src/pages/ (relative, with `/`) that accepts POST. */
function pagesAcceptingPost(dir = PAGES_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pagesAcceptingPost(full);
    if (!/\.(astro|ts|js|mjs)$/.test(entry.name)) return [];
    const source = fs.readFileSync(full, 'utf8');
    return ACCEPTS_POST.some((pattern) => pattern.test(source))
      ? [path.relative(PAGES_DIR, full).split(path.sep).join('/')]
      : [];
  });
}

/** Where a sign-in redirect for `pathname` should bring the person back to (none for My page). */
const expectedNext = (pathname: string) => (pathname === '/account' ? null : pathname);

let listener: ReturnType<typeof serve> | undefined;
let origin = '';
const RUNTIME = Symbol.for('sasaeai.runtime');

/** Make `world` the runtime the pages use. */
function useWorld(world: World): void {
  const runtime: Runtime = { config: world.config, db: world.db, api: world.app };
  (globalThis as Record<symbol, unknown>)[RUNTIME] = runtime;
}

async function post(world: World, row: PageRow, persona: PagePersona, requestOrigin = origin): Promise<Response> {
  useWorld(world);
  const target = row.path(world, persona);
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(row.form(world, persona))) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
  }
  const headers: Record<string, string> = {
    origin: requestOrigin,
    'content-type': 'application/x-www-form-urlencoded',
  };
  if (persona !== 'anonymous') headers.cookie = sessionCookie(world.db, world.people[persona].id, world.config);
  const response = await fetch(`${origin}${target}`, { method: 'POST', headers, body: form, redirect: 'manual' });
  await response.arrayBuffer();
  return response;
}

/** The outcome of a POST, in the matrix's terms. */
function outcomeOf(response: Response, row: PageRow, world: World, persona: PagePersona): Outcome {
  if (response.status !== 303) return response.status;
  const location = response.headers.get('location') ?? '';
  const signIn = /^\/account\/sign-in(?:\?next=([^&#]*))?$/.exec(location);
  if (signIn) {
    const next = signIn[1] === undefined ? null : decodeURIComponent(signIn[1]);
    const pathname = new URL(row.path(world, persona), origin).pathname;
    return next === expectedNext(pathname) ? 'sign-in' : `303 ${location}`;
  }
  return row.done?.test(location) ? 'done' : `303 ${location}`;
}

const label = (row: PageRow) => `POST ${row.page}${row.note ? ` (${row.note})` : ''}`;

describe('authorization matrix of the pages’ form POSTs (S7)', () => {
  beforeAll(async () => {
    const entry = path.join(distDir, 'server', 'entry.mjs');
    if (!fs.existsSync(entry)) throw new Error('The page matrix needs the built site: run `npm run build` first.');
    const { handler } = (await import(pathToFileURL(entry).href)) as { handler: AstroHandler };
    // The front server needs the site's origin, known once the listener has its port.
    const front: { app?: ReturnType<typeof createServerApp> } = {};
    listener = serve({
      fetch: (request, env) => front.app?.fetch(request, env) ?? new Response('starting', { status: 503 }),
      port: 0,
      hostname: '127.0.0.1',
    });
    await new Promise((resolve) => listener?.once('listening', resolve));
    origin = `http://localhost:${(listener.address() as { port: number }).port}`;
    const world = await createWorld({ config: { publicOrigin: origin } });
    front.app = createServerApp(
      { config: world.config, db: world.db, api: world.app },
      { clientDir: path.join(distDir, 'client'), handler },
    );
  });
  afterAll(() => {
    listener?.close();
    delete (globalThis as Record<symbol, unknown>)[RUNTIME];
  });

  it('has a row for every page that accepts POST, and no row for a page that does not', () => {
    const pages = pagesAcceptingPost();
    expect(pages.length).toBeGreaterThan(15);
    const covered = new Set(PAGE_ROWS.map((row) => row.page));
    expect(pages.filter((page) => !covered.has(page))).toEqual([]);
    expect([...covered].filter((page) => !pages.includes(page))).toEqual([]);
  });

  it('gives every persona the expected outcome on every page POST', async () => {
    const config = { publicOrigin: origin };
    const shared = await createWorld({ config });
    const failures: string[] = [];
    for (const row of PAGE_ROWS) {
      for (const persona of PAGE_PERSONAS) {
        const world = row.fresh ? await createWorld({ config }) : shared;
        const outcome = outcomeOf(await post(world, row, persona), row, world, persona);
        if (outcome !== row.expect[persona]) {
          failures.push(`${label(row)} as ${persona}: ${outcome}, expected ${row.expect[persona]}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('refuses every page POST from another site before the page runs (S3)', async () => {
    const world = await createWorld({ config: { publicOrigin: origin } });
    const firstRows = PAGE_ROWS.filter((row, i) => PAGE_ROWS.findIndex((other) => other.page === row.page) === i);
    const failures: string[] = [];
    for (const row of firstRows) {
      const response = await post(world, row, 'volunteer', 'https://evil.example');
      if (response.status !== 403) failures.push(`${label(row)}: ${response.status}`);
    }
    expect(failures).toEqual([]);
  });
});
