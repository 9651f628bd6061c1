/**
 * R3 (database level): kill -9 a process in the middle of a write load; on reopening, every
 * write it acknowledged is there and the file passes the integrity check.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crash-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('crash safety (R3)', () => {
  it('keeps every acknowledged write after kill -9', { timeout: 90_000 }, async () => {
    const file = path.join(dir, 'crash.db');
    const writer = spawn(process.execPath, ['--import', 'tsx', 'api/test/write-load.ts', file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let acknowledged = 0;
    writer.stdout.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/acknowledged (\d+)/g)) acknowledged = Number(match[1]);
    });
    // Kill it mid-stream once it has acknowledged a few hundred writes (however slow the machine).
    const deadline = Date.now() + 60_000;
    while (acknowledged < 300 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const exited = new Promise((resolve) => writer.once('exit', resolve));
    writer.kill('SIGKILL');
    await exited;
    expect(acknowledged).toBeGreaterThanOrEqual(300);

    const db = openDatabase({ url: `file:${file}`, authToken: undefined, syncUrl: undefined });
    expect(db.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
    const stats = db.get<{ n: number; max: number }>('SELECT count(*) AS n, max(id) AS max FROM load');
    expect(stats?.n).toBeGreaterThanOrEqual(acknowledged);
    expect(stats?.n).toBe(stats?.max);
    db.close();
  });
});
