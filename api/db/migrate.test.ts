import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';
import { MigrationError, migrate, readMigrations, schemaVersion } from './migrate.ts';

const memory = () => openDatabase({ url: ':memory:', authToken: undefined, syncUrl: undefined });
const dirs: string[] = [];
function migrationDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('runs every project migration from zero, then is a no-op', () => {
    const db = memory();
    const all = readMigrations();
    const first = migrate(db);
    expect(first.version).toBe(all.length);
    expect(first.applied).toEqual(all.map((m) => m.name));
    expect(migrate(db).applied).toEqual([]);
    expect(db.get<{ ok: string }>('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
  });

  it('upgrades a database of the previous release (all but the last migration applied)', () => {
    const db = memory();
    const all = readMigrations();
    migrate(db, all.slice(0, -1));
    expect(schemaVersion(db)).toBe(all.length - 1);
    const result = migrate(db, all);
    expect(result.applied).toEqual([all[all.length - 1]?.name]);
    expect(schemaVersion(db)).toBe(all.length);
  });

  it('leaves nothing half-applied when a migration fails', () => {
    const dir = migrationDir({
      '0001_ok.sql': 'CREATE TABLE a (x INTEGER) STRICT;',
      '0002_bad.sql': 'CREATE TABLE b (y INTEGER) STRICT;\nINSERT INTO missing_table VALUES (1);',
    });
    const db = memory();
    expect(() => migrate(db, readMigrations(dir))).toThrow(/missing_table/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.get("SELECT name FROM sqlite_master WHERE name = 'b'")).toBeUndefined();
    expect(db.get("SELECT name FROM sqlite_master WHERE name = 'a'")).toEqual({ name: 'a' });
  });

  it('refuses to run when an applied migration changed', () => {
    const dir = migrationDir({ '0001_ok.sql': 'CREATE TABLE a (x INTEGER) STRICT;' });
    const db = memory();
    migrate(db, readMigrations(dir));
    fs.writeFileSync(path.join(dir, '0001_ok.sql'), 'CREATE TABLE a (x INTEGER, z TEXT) STRICT;');
    expect(() => migrate(db, readMigrations(dir))).toThrow(MigrationError);
    expect(() => migrate(db, readMigrations(dir))).toThrow(/changed after it was applied/);
  });

  it('rejects gaps and badly named files', () => {
    expect(() => readMigrations(migrationDir({ '0002_x.sql': 'SELECT 1;' }))).toThrow(/should be number 1/);
    expect(() => readMigrations(migrationDir({ '1_x.sql': 'SELECT 1;' }))).toThrow(/must look like/);
  });

  it('uses STRICT tables in every project migration', () => {
    for (const migration of readMigrations()) {
      const creates = migration.sql.match(/CREATE TABLE[^;]+;/gi) ?? [];
      for (const statement of creates) expect(statement, migration.name).toMatch(/\)\s*STRICT\s*;$/i);
    }
  });
});
