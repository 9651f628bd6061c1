/**
 * The database module: the only place that touches the `libsql` driver.
 *
 * `libsql` is better-sqlite3-compatible and synchronous. In one Node process this serialises writes
 * naturally, so a transaction can never interleave with another request's statements. The same
 * driver opens an embedded file (default), a libSQL server / Turso over the network, or an
 * embedded replica of such a server (local reads, writes forwarded to the primary).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import type { Config } from '../config.ts';

/** A value SQLite can bind. */
export type SqlValue = string | number | bigint | null | Uint8Array;
/** Positional (`?`) or named (`:name`) parameters. */
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

/**
 * Whether an error is SQLite's "database is locked/busy" (another connection held the write lock
 * longer than the busy timeout): a temporary condition, answered 503 + Retry-After, not a bug.
 */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
  return error instanceof Error && /database (table )?is locked|database is busy/i.test(error.message);
}

/** The result of a write statement. */
export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** How the database is reached. */
export type DbKind = 'memory' | 'file' | 'remote' | 'replica';

/** The narrow database interface every feature uses (parameterised SQL only). */
export interface Db {
  readonly kind: DbKind;
  /** First row, or undefined. */
  get<T>(sql: string, params?: SqlParams): T | undefined;
  /** All rows. */
  all<T>(sql: string, params?: SqlParams): T[];
  /** A write statement. */
  run(sql: string, params?: SqlParams): RunResult;
  /** Several statements without parameters (migrations only). */
  exec(sql: string): void;
  /**
   * Run `work` inside `BEGIN IMMEDIATE … COMMIT` (a savepoint when already inside a transaction);
   * any exception rolls back and is rethrown.
   */
  transaction<T>(work: () => T): T;
  /** Write a consistent copy of the database to `targetPath` (works while others write). */
  backupTo(targetPath: string): void;
  /** Pull changes from the primary (embedded replica only; a no-op otherwise). */
  sync(): void;
  close(): void;
}

interface Statement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  raw(toggle?: boolean): Statement;
  columns(): { name: string }[];
  readonly reader: boolean;
}

/**
 * A cached statement. Statements that return rows run in the driver's raw mode (rows as arrays)
 * and get their objects built here from the column names: the driver's own row objects cost
 * several times more to make (one native property set per column, plus a `_metadata` property
 * that must be deleted again) — on a small write that was a large share of a request.
 */
interface Prepared {
  statement: Statement;
  /**
   * Result column names (the last one wins on duplicates, as in the driver's objects); null for
   * writes, and for a connection whose statements have no raw mode (then the driver's objects).
   */
  columns: string[] | null;
}

/** Switch a statement that returns rows to raw mode; its column names, or null. */
function rawColumns(statement: Statement): string[] | null {
  try {
    // Read once: migrations run before any feature query is cached, so the columns stay.
    if (!statement.reader) return null;
    const columns = statement.columns().map((column) => column.name);
    statement.raw(true);
    return columns;
  } catch {
    return null;
  }
}

/** A driver row object without the `_metadata` property that libsql adds to single rows. */
function plainRow<T>(row: unknown): T | undefined {
  if (row && typeof row === 'object' && '_metadata' in row) delete (row as { _metadata?: unknown })._metadata;
  return (row ?? undefined) as T | undefined;
}

function toObject(columns: readonly string[], row: readonly unknown[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) object[columns[i] as string] = row[i];
  return object;
}

const MAX_CACHED_STATEMENTS = 500;

/** Connection options the driver accepts but its bundled typings (from better-sqlite3) omit. */
type RemoteOptions = Database.Options & { authToken?: string | undefined };

/** Open the database described by the configuration and apply the connection settings. */
export function openDatabase(database: Config['database']): Db {
  const { url, authToken, syncUrl } = database;
  let kind: DbKind;
  let raw: Database.Database;
  if (url === ':memory:') {
    kind = 'memory';
    raw = new Database(':memory:');
  } else if (url.startsWith('file:')) {
    const file = url.slice('file:'.length);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    kind = syncUrl ? 'replica' : 'file';
    raw = syncUrl ? new Database(file, { syncUrl, authToken } as RemoteOptions) : new Database(file);
  } else {
    kind = 'remote';
    raw = new Database(url, { authToken } as RemoteOptions);
  }
  if (kind === 'file') {
    raw.exec('PRAGMA journal_mode = WAL');
    // WAL + NORMAL: committed pages reach the OS before a request is answered (survives kill -9 of
    // the server, R3); only a power cut or OS crash can lose the last commits (no corruption).
    raw.exec('PRAGMA synchronous = NORMAL');
  }
  if (kind === 'file' || kind === 'memory' || kind === 'replica') {
    raw.exec('PRAGMA busy_timeout = 5000');
  }
  raw.exec('PRAGMA foreign_keys = ON');
  return wrap(raw, kind);
}

function wrap(raw: Database.Database, kind: DbKind): Db {
  const cache = new Map<string, Prepared>();
  let savepointDepth = 0;

  const prepare = (sql: string): Prepared => {
    let prepared = cache.get(sql);
    if (!prepared) {
      const statement = raw.prepare(sql) as unknown as Statement;
      prepared = { statement, columns: rawColumns(statement) };
      if (cache.size >= MAX_CACHED_STATEMENTS) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      cache.set(sql, prepared);
    }
    return prepared;
  };
  // Parameters go in as ONE argument (an array or an object): libsql misreads a lone spread `null`.
  const bind = (params: SqlParams | undefined): unknown[] => (params === undefined ? [] : [params]);

  return {
    kind,
    get<T>(sql: string, params?: SqlParams): T | undefined {
      const { statement, columns } = prepare(sql);
      const row = statement.get(...bind(params));
      if (!columns) return plainRow<T>(row);
      return row ? (toObject(columns, row as unknown[]) as T) : undefined;
    },
    all<T>(sql: string, params?: SqlParams): T[] {
      const { statement, columns } = prepare(sql);
      const rows = statement.all(...bind(params)) as unknown[][];
      if (!columns) return rows as T[];
      return rows.map((row) => toObject(columns, row) as T);
    },
    run(sql: string, params?: SqlParams): RunResult {
      const result = prepare(sql).statement.run(...bind(params));
      return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
    },
    exec(sql: string): void {
      raw.exec(sql);
    },
    transaction<T>(work: () => T): T {
      if (raw.inTransaction) {
        const name = `sp_${++savepointDepth}`;
        raw.exec(`SAVEPOINT ${name}`);
        try {
          const result = work();
          raw.exec(`RELEASE ${name}`);
          return result;
        } catch (error) {
          raw.exec(`ROLLBACK TO ${name}`);
          raw.exec(`RELEASE ${name}`);
          throw error;
        } finally {
          savepointDepth--;
        }
      }
      raw.exec('BEGIN IMMEDIATE');
      try {
        const result = work();
        raw.exec('COMMIT');
        return result;
      } catch (error) {
        if (raw.inTransaction) raw.exec('ROLLBACK');
        throw error;
      }
    },
    backupTo(targetPath: string): void {
      fs.mkdirSync(path.dirname(targetPath), { recursive: true });
      fs.rmSync(targetPath, { force: true });
      // VACUUM INTO reads one consistent snapshot and writes a compact, self-contained copy.
      raw.prepare('VACUUM INTO ?').run(targetPath);
    },
    sync(): void {
      if (kind === 'replica') raw.sync();
    },
    close(): void {
      cache.clear();
      raw.close();
    },
  };
}
