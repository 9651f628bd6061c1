/**
 * Migration runner: numbered `.sql` files in `api/db/migrations/`, recorded in `_migrations`.
 * Each file is applied in one transaction together with its bookkeeping row, so a failing
 * migration leaves nothing behind. A file that changed after it was applied stops the run.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './client.ts';

/** The folder holding the project's migrations. */
export const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/** One migration file. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** Raised when the database and the migration files disagree. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Read the migration files (`0001_name.sql` …) in version order. */
export function readMigrations(directory: string = migrationsDir): Migration[] {
  const files = fs
    .readdirSync(directory)
    .filter((file) => file.endsWith('.sql'))
    .sort();
  const migrations = files.map((file) => {
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new MigrationError(`Migration file name ${file} must look like 0001_name.sql`);
    const sql = fs.readFileSync(path.join(directory, file), 'utf8');
    return {
      version: Number(match[1]),
      name: file,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    };
  });
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationError(`Migration ${migration.name} should be number ${index + 1}: versions must be 1, 2, 3 …`);
    }
  });
  return migrations;
}

/**
 * Apply every migration not yet applied.
 * @returns the schema version after the run and the names applied now.
 */
export function migrate(db: Db, migrations: Migration[] = readMigrations()): { version: number; applied: string[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS _migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const done = new Map(
    db
      .all<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM _migrations')
      .map((row) => [row.version, row]),
  );
  for (const [version, row] of done) {
    const file = migrations.find((migration) => migration.version === version);
    if (!file) throw new MigrationError(`The database has migration ${row.name}, which is missing from the code`);
    if (file.checksum !== row.checksum) {
      throw new MigrationError(`Migration ${row.name} changed after it was applied; add a new migration instead`);
    }
  }
  const applied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.run('INSERT INTO _migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, unixepoch())', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
    });
    applied.push(migration.name);
  }
  return { version: schemaVersion(db), applied };
}

/** The highest applied migration number (0 for an empty database). */
export function schemaVersion(db: Db): number {
  return db.get<{ version: number | null }>('SELECT max(version) AS version FROM _migrations')?.version ?? 0;
}
