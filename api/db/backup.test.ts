/**
 * R4: a backup taken while another process keeps writing is consistent, and restores.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-'));
const file = path.join(dir, 'live.db');
let writer: ChildProcess | undefined;
afterAll(() => {
  writer?.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

function startWriter(): Promise<void> {
  writer = spawn(process.execPath, ['--import', 'tsx', 'api/test/write-load.ts', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    writer?.stdout?.once('data', () => resolve());
    writer?.once('exit', (code) => reject(new Error(`writer exited with ${code}`)));
  });
}

describe('backups under write load (R4)', () => {
  it('copies a consistent snapshot while another process writes, and the copy restores', async () => {
    await startWriter();
    const reader = openDatabase({ url: `file:${file}`, authToken: undefined, syncUrl: undefined });
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const copy = path.join(dir, `copy-${i}.db`);
      reader.backupTo(copy);
      const restored = openDatabase({ url: `file:${copy}`, authToken: undefined, syncUrl: undefined });
      expect(restored.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
      const stats = restored.get<{ n: number; max: number }>('SELECT count(*) AS n, max(id) AS max FROM load');
      // Rows are written one per transaction with increasing ids: a consistent copy has no gaps.
      expect(stats?.n).toBe(stats?.max);
      counts.push(stats?.n ?? 0);
      restored.close();
    }
    reader.close();
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts.at(-1)).toBeGreaterThan(counts[0] ?? 0);
  });
});
