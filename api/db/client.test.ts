import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDatabaseBusy, openDatabase } from './client.ts';

const memory = () => openDatabase({ url: ':memory:', authToken: undefined, syncUrl: undefined });

describe('database client', () => {
  it('tells a locked database (temporary) from other errors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sasaeai-lock-'));
    const options = { url: `file:${path.join(dir, 'lock.db')}`, authToken: undefined, syncUrl: undefined };
    const [first, second] = [openDatabase(options), openDatabase(options)];
    first.exec('CREATE TABLE t (a INTEGER) STRICT');
    second.exec('PRAGMA busy_timeout = 0');
    first.exec('BEGIN IMMEDIATE');
    const locked = (() => {
      try {
        second.run('INSERT INTO t VALUES (1)');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(isDatabaseBusy(locked)).toBe(true);
    first.exec('ROLLBACK');
    expect(() => second.run('INSERT INTO t VALUES (1)')).not.toThrow();
    expect(isDatabaseBusy(new Error('no such table: x'))).toBe(false);
    expect(isDatabaseBusy(undefined)).toBe(false);
    first.close();
    second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('returns plain rows from get (no driver metadata)', () => {
    const db = memory();
    db.exec('CREATE TABLE t (a INTEGER, b TEXT) STRICT');
    db.run('INSERT INTO t VALUES (?, ?)', [1, 'x']);
    expect(db.get('SELECT * FROM t WHERE a = ?', [1])).toEqual({ a: 1, b: 'x' });
    expect(db.get('SELECT * FROM t WHERE a = :a', { a: 1 })).toEqual({ a: 1, b: 'x' });
    expect(db.get('SELECT * FROM t WHERE a = ?', [2])).toBeUndefined();
  });

  it('builds rows with every column type, aliases and the last of duplicate names, like the driver', () => {
    const db = memory();
    db.exec('CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT) STRICT');
    db.run('INSERT INTO t VALUES (?, ?, ?, ?, ?)', [7, 1.5, 'ä', new Uint8Array([1, 2]), null]);
    db.run('INSERT INTO t VALUES (?, ?, ?, ?, ?)', [8, 2.5, 'b', new Uint8Array([3]), 'x']);
    const row = db.get<Record<string, unknown>>('SELECT i, r, s AS text, b, n, i + 1 AS r FROM t WHERE i = 7');
    expect(row).toEqual({ i: 7, r: 8, text: 'ä', b: Buffer.from([1, 2]), n: null });
    expect(Object.keys(row ?? {})).toEqual(['i', 'r', 'text', 'b', 'n']);
    expect(db.all('SELECT i, s FROM t ORDER BY i')).toEqual([
      { i: 7, s: 'ä' },
      { i: 8, s: 'b' },
    ]);
    expect(db.all('SELECT i FROM t WHERE i > 100')).toEqual([]);
    // A cached statement gives the same shape on every use; writes still report their changes.
    expect(db.get('SELECT count(*) AS n FROM t')).toEqual({ n: 2 });
    expect(db.run('UPDATE t SET n = ? WHERE i > ?', ['y', 0]).changes).toBe(2);
    expect(db.get('SELECT count(*) AS n FROM t')).toEqual({ n: 2 });
  });

  it('rolls back a failed transaction and keeps an outer one when an inner one fails', () => {
    const db = memory();
    db.exec('CREATE TABLE t (a INTEGER UNIQUE) STRICT');
    expect(() =>
      db.transaction(() => {
        db.run('INSERT INTO t VALUES (1)');
        db.run('INSERT INTO t VALUES (1)');
      }),
    ).toThrow();
    expect(db.all('SELECT a FROM t')).toEqual([]);
    db.transaction(() => {
      db.run('INSERT INTO t VALUES (2)');
      expect(() =>
        db.transaction(() => {
          db.run('INSERT INTO t VALUES (3)');
          throw new Error('inner');
        }),
      ).toThrow('inner');
    });
    expect(db.all('SELECT a FROM t')).toEqual([{ a: 2 }]);
  });

  it('enforces foreign keys', () => {
    const db = memory();
    db.exec('CREATE TABLE p (id INTEGER PRIMARY KEY) STRICT; CREATE TABLE c (p INTEGER REFERENCES p(id)) STRICT;');
    expect(() => db.run('INSERT INTO c VALUES (42)')).toThrow(/FOREIGN KEY/);
  });

  it('opens a file database in WAL mode and writes a consistent backup that can be restored', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-'));
    try {
      const db = openDatabase({
        url: `file:${path.join(dir, 'sub', 'a.db')}`,
        authToken: undefined,
        syncUrl: undefined,
      });
      expect(db.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
      db.exec('CREATE TABLE t (a INTEGER) STRICT');
      db.run('INSERT INTO t VALUES (7)');
      const copy = path.join(dir, 'backup', 'copy.db');
      db.backupTo(copy);
      db.run('INSERT INTO t VALUES (8)');
      db.close();
      const restored = openDatabase({ url: `file:${copy}`, authToken: undefined, syncUrl: undefined });
      expect(restored.all('SELECT a FROM t')).toEqual([{ a: 7 }]);
      expect(restored.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
      restored.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
