/**
 * `npm run bench`: measure the real server against bare baselines in the same run (quality.md).
 * - P3: each API read route vs a bare Hono route running the same query (autocannon, 50
 *   connections, loopback, bounded duration) → req/s, p99 and the ratio.
 * - P1: page weights of the built pages (HTML + CSS, raw and gzip).
 * - P4: matching one volunteer against 10,000 opportunities (pure function).
 * - P6: durable sign-ups per second through HTTP, then R3 over HTTP (kill -9 during sign-ups).
 * Machines are noisy: compare ratios, not absolute numbers.
 * `BENCH_ONLY=p6,p4` runs only the named sections (p1 = page weights and place pages, p3, p4, p6
 * = sign-ups and R3 over HTTP, lighthouse); unset runs them all. `BENCH_CPU_PROF=<dir>` writes a
 * CPU profile of each server it starts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { sessionCookieName } from '../api/auth/cookies.ts';
import { loadDistricts, syncDistricts } from '../api/content/districts.ts';
import { openDatabase } from '../api/db/client.ts';
import { migrate } from '../api/db/migrate.ts';
import { benchSeeders, httpCases } from './bench/cases.ts';
import { benchMatching } from './bench/matching.ts';
import { benchSignups, crashSignups } from './bench/opportunities.ts';
import { benchLighthouse } from './bench/lighthouse.ts';
import { measurePlacePages } from './bench/place-pages.ts';
import { seedSyntheticPlaces } from './bench/places.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
const ONLY = new Set((process.env.BENCH_ONLY ?? '').toLowerCase().split(',').filter(Boolean));
/** Whether a section runs (BENCH_ONLY unset: all). */
const runs = (section: string) => ONLY.size === 0 || ONLY.has(section);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startProcess(args: string[], env: Record<string, string>, readyUrl: string): Promise<ChildProcess> {
  // BENCH_CPU_PROF=<dir>: write a V8 CPU profile of each started server (open it in DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(readyUrl)).ok) return child;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error(`${args.join(' ')} did not start`);
}

async function measure(url: string): Promise<{ rps: number; p99: number; errors: number }> {
  await autocannon({ url, connections: CONNECTIONS, duration: 1 }); // warm-up (JIT, caches), discarded
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

function pageWeights(): { page: string; raw: number; gzip: number }[] {
  const client = path.join('dist', 'client');
  const pages = [
    'index.html',
    'en/index.html',
    'easy/index.html',
    'accessibility/index.html',
    // Information pages (P1): help finder start and a situation, a topic, the windows list and a window.
    'help/index.html',
    'help/okane/index.html',
    'help/kaigo/index.html',
    'easy/help/index.html',
    'easy/help/okane/index.html',
    'topics/kaigo/index.html',
    'easy/topics/saigai/index.html',
    'windows/index.html',
    'windows/hita-seikatsu/index.html',
    'easy/windows/hita-seikatsu/index.html',
    'plan/index.html',
  ];
  return pages
    .filter((page) => fs.existsSync(path.join(client, page)))
    .map((page) => {
      const html = fs.readFileSync(path.join(client, page));
      const css = [...html.toString().matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) =>
        fs.readFileSync(path.join(client, m[1] ?? '')),
      );
      const all = [html, ...css];
      return {
        page: `/${page.replace(/index\.html$/, '')}`,
        raw: all.reduce((sum, b) => sum + b.length, 0),
        gzip: all.reduce((sum, b) => sum + zlib.gzipSync(b, { level: 9 }).length, 0),
      };
    });
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join('dist', 'server', 'entry.mjs'))) {
    console.error('Build first: npm run build');
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sasaeai-bench-'));
  const database = `file:${path.join(dir, 'bench.db')}`;
  const [port, barePort] = [await freePort(), await freePort()];
  const common = { NODE_ENV: 'test', DATABASE_URL: database, SEED_DEMO_DATA: 'true' };
  {
    // Feature data for the read benchmarks (e.g. 10,000 opportunities), before the servers start.
    const db = openDatabase({ url: database, authToken: undefined, syncUrl: undefined });
    migrate(db);
    syncDistricts(db, loadDistricts());
    for (const seed of benchSeeders) seed(db);
    db.close();
  }
  const serverEnv = { ...common, PORT: String(port), PUBLIC_ORIGIN: `http://localhost:${port}` };
  const startServer = () => startProcess(['api/server.ts'], serverEnv, `http://127.0.0.1:${port}/api/health`);
  let server = await startServer();
  const bare = await startProcess(
    ['scripts/bench/bare-server.ts'],
    { ...common, PORT: String(barePort) },
    `http://127.0.0.1:${barePort}/health`,
  );
  const rows: string[][] = [];
  let placePages: Awaited<ReturnType<typeof measurePlacePages>> = [];
  let lighthouse: Awaited<ReturnType<typeof benchLighthouse>> = [];
  let signups: Awaited<ReturnType<typeof benchSignups>> | undefined;
  let crash: Awaited<ReturnType<typeof crashSignups>> | undefined;
  try {
    // Weigh the places pages first, then add 10,000 synthetic places to this bench database only.
    if (runs('p1')) placePages = await measurePlacePages(`http://127.0.0.1:${port}`);
    if (runs('lighthouse') && process.env.BENCH_LIGHTHOUSE !== '0') {
      lighthouse = await benchLighthouse(`http://localhost:${port}`);
    }
    if (runs('p3')) {
      const benchDb = openDatabase({ url: database, authToken: undefined, syncUrl: undefined });
      seedSyntheticPlaces(benchDb, 10_000);
      benchDb.close();
      for (const bench of httpCases) {
        const real = await measure(`http://127.0.0.1:${port}${bench.path}`);
        const base = await measure(`http://127.0.0.1:${barePort}${bench.baselinePath}`);
        rows.push([
          bench.name,
          real.rps.toFixed(0),
          real.p99.toFixed(1),
          base.rps.toFixed(0),
          base.p99.toFixed(1),
          `${((real.rps / base.rps) * 100).toFixed(0)}%`,
          String(real.errors + base.errors),
        ]);
      }
    }
    if (runs('p6')) {
      const write = {
        url: `http://127.0.0.1:${port}`,
        file: path.join(dir, 'bench.db'),
        origin: `http://localhost:${port}`,
      };
      const cookieName = sessionCookieName({ secureCookies: false });
      signups = await benchSignups({
        ...write,
        url: `${write.url}/api/opportunities`,
        cookieName,
        seconds: DURATION,
        serverPid: server.pid,
      });
      if (process.env.BENCH_CPU_PROF) {
        // A profile is written when the process exits normally: end this one before R3 kills it.
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
        server = await startServer();
      }
      crash = await crashSignups({ ...write, cookieName, server, killAfterMs: 3000, restart: startServer });
    }
  } finally {
    server.kill();
    bare.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (rows.length > 0) {
    console.log(`\nP3 — API vs bare Hono + same query (${CONNECTIONS} connections, ${DURATION}s each, loopback)`);
    console.table(
      rows.map(([name, rps, p99, baseRps, baseP99, ratio, errors]) => ({
        route: name,
        'req/s': rps,
        'p99 ms': p99,
        'bare req/s': baseRps,
        'bare p99 ms': baseP99,
        ratio,
        errors,
      })),
    );
  }
  if (signups) {
    console.log(
      `\nP6 — durable sign-ups through HTTP (autocannon POST, 50 connections, ${DURATION}s after a 2 s warm-up, session cookies)`,
    );
    console.table([
      {
        'accepted sign-ups/s': signups.rps.toFixed(0),
        'p99 ms': signups.p99.toFixed(1),
        'acknowledged (201)': signups.created,
        'server CPU µs/sign-up': signups.cpuMicrosPerSignup?.toFixed(0) ?? '?',
        errors: signups.errors,
        'bar (≥ 2,000/s)': signups.rps >= 2000 ? 'met' : 'NOT met',
      },
    ]);
  }
  if (crash) {
    console.log('\nR3 over HTTP — kill -9 of the server during sign-ups, restart, look for every acknowledged one');
    console.table([{ acknowledged: crash.acknowledged, missing: crash.missing, integrity_check: crash.integrity }]);
  }
  if (runs('p4')) {
    console.log('\nP4 — matching (pure function, median of 60 runs)');
    console.table(benchMatching());
  }
  if (!runs('p1')) return;
  console.log('\nP1/P2 — places pages on the running server (gzip bytes; maplibre must not be in the first load)');
  console.table(
    placePages.map((w) => ({
      page: w.page,
      'HTML+CSS gzip KB': (w.htmlCssGzip / 1024).toFixed(1),
      'first-load JS files': w.firstLoadJsFiles,
      'first-load JS gzip KB': (w.firstLoadJsGzip / 1024).toFixed(1),
      'maplibre in first load': w.maplibreInFirstLoad ? 'YES (fails P2)' : 'no',
    })),
  );
  console.log('\nP1 — page weight (HTML + CSS)');
  console.table(
    pageWeights().map((w) => ({
      page: w.page,
      'raw bytes': w.raw,
      'gzip bytes': w.gzip,
      'gzip KB': (w.gzip / 1024).toFixed(1),
    })),
  );
  if (lighthouse.length > 0) {
    console.log(
      '\nP1/P2 — Lighthouse 12 (mobile, simulated throttling; the map draws WebGL in software here, so its TBT is pessimistic)',
    );
    console.table(lighthouse);
  }
}

await main();
