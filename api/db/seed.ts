/**
 * Demo data for an empty database (development and the demo site; never in production unless asked).
 * Each feature adds its own demo rows through `demoSeeders`.
 */
import { seedDemoAccounts } from '../accounts/demo.ts';
import { seedDemoGuardianships } from '../guardianship/demo.ts';
import { seedDemoOpportunities } from '../opportunities/demo.ts';
import type { Db } from './client.ts';

/** A feature's demo data loader; runs inside one transaction. */
export type DemoSeeder = (db: Db) => void;

/** Demo loaders in order. Features append theirs here. */
export const demoSeeders: DemoSeeder[] = [seedDemoAccounts, seedDemoOpportunities, seedDemoGuardianships];

/**
 * Load the demo data unless it was loaded before (recorded in `app_state`).
 * @returns whether anything was loaded.
 */
export function seedDemoData(db: Db): boolean {
  if (db.get("SELECT 1 AS one FROM app_state WHERE key = 'demo_loaded_at'")) return false;
  db.transaction(() => {
    for (const seed of demoSeeders) seed(db);
    db.run("INSERT INTO app_state (key, value) VALUES ('demo_loaded_at', CAST(unixepoch() AS TEXT))");
  });
  return true;
}
