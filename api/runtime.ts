/**
 * The process-wide runtime (configuration, database, API app), created once by the server
 * and shared with Astro's on-demand pages through `globalThis` — Astro bundles its own copy of
 * the modules it imports, so a module-level singleton would not be shared.
 */
import { startAccountJobs } from './accounts/maintenance.ts';
import { createApp } from './app.ts';
import { type Config, loadConfig } from './config.ts';
import { loadDistricts, syncDistricts } from './content/districts.ts';
import { loadPlaces, syncPlaces } from './content/places.ts';
import { type Db, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { seedDemoData } from './db/seed.ts';
import { log } from './lib/log.ts';
import { startOpportunityJobs } from './opportunities/jobs.ts';
import { setSecurityEventSink } from './privacy/security-events.ts';

/** Everything a request handler needs. */
export interface Runtime {
  config: Config;
  db: Db;
  api: ReturnType<typeof createApp>;
}

const KEY = Symbol.for('sasaeai.runtime');
type Holder = { [KEY]?: Runtime };

/**
 * Open the database, migrate it, refresh content mirrors, seed demo data into an empty
 * database when configured, and build the API.
 */
export function startRuntime(config: Config): Runtime {
  const db = openDatabase(config.database);
  const { version, applied } = migrate(db);
  if (applied.length > 0) log.info('migrated', { version, applied: applied.join(',') });
  const districts = loadDistricts();
  syncDistricts(db, districts);
  syncPlaces(db, loadPlaces(undefined, districts));
  if (config.seedDemoData) {
    const seeded = seedDemoData(db);
    if (seeded) log.info('demo data loaded into the empty database');
  }
  if (config.env !== 'test' || config.smtpUrl) startAccountJobs(db, config);
  // Every security event is also one JSON line on stdout, for a log collector (ASVS 16.3).
  if (config.env !== 'test') setSecurityEventSink((event) => log.info('security event', event));
  startOpportunityJobs(db, config);
  const runtime: Runtime = { config, db, api: createApp({ db, config }) };
  (globalThis as Holder)[KEY] = runtime;
  return runtime;
}

/** The runtime started by this process. */
export function getRuntime(): Runtime {
  const runtime = (globalThis as Holder)[KEY];
  if (!runtime) throw new Error('The runtime has not been started (startRuntime was not called).');
  return runtime;
}

/**
 * The runtime of this process, starting it from the environment if nobody did yet
 * (the dev server and Astro's on-demand pages in development).
 */
export function ensureRuntime(): Runtime {
  return (globalThis as Holder)[KEY] ?? startRuntime(loadConfig());
}
