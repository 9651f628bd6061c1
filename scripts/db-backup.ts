/**
 * `npm run db:backup [target]`: write a consistent copy of the embedded database while the
 * server keeps running (SQLite's VACUUM INTO reads one snapshot). Default target:
 * data/backups/sasaeai-<UTC timestamp>.db.
 */
import path from 'node:path';
import { ConfigError, loadConfig, projectRoot } from '../api/config.ts';
import { openDatabase } from '../api/db/client.ts';

try {
  const config = loadConfig();
  if (!config.database.url.startsWith('file:')) {
    console.error('db:backup copies the embedded file database; back up a libSQL server with its own tools.');
    process.exit(1);
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z');
  const target = path.resolve(projectRoot, process.argv[2] ?? path.join('data', 'backups', `sasaeai-${stamp}.db`));
  const db = openDatabase(config.database);
  db.backupTo(target);
  const check = db.get<{ integrity_check: string }>('PRAGMA integrity_check');
  db.close();
  const copy = openDatabase({ url: `file:${target}`, authToken: undefined, syncUrl: undefined });
  const copyCheck = copy.get<{ integrity_check: string }>('PRAGMA integrity_check');
  copy.close();
  if (check?.integrity_check !== 'ok' || copyCheck?.integrity_check !== 'ok') {
    console.error('The backup failed its integrity check.');
    process.exit(1);
  }
  console.log(`Backup written to ${path.relative(process.cwd(), target)}`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
