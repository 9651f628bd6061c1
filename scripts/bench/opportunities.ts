/**
 * Benchmark data and sections of the opportunities feature:
 * - `seedBenchOpportunities`: 10,000 published opportunities (1–4 shifts each over the next 60
 *   days) for P3 on `GET /api/opportunities`;
 * - `benchSignups` (P6): durable sign-ups per second through HTTP — autocannon POSTs with session
 *   cookies of many people against the real server; every 201 is a committed write;
 * - `crashSignups` (R3 over HTTP): sign-ups under load, `kill -9` of the server, restart, and every
 *   acknowledged sign-up must be present with `PRAGMA integrity_check` = ok.
 */
import { type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import autocannon from 'autocannon';
import { createSession } from '../../api/auth/session.ts';
import type { Db } from '../../api/db/client.ts';
import { openDatabase } from '../../api/db/client.ts';
import { insertOpportunity, insertShift } from '../../api/opportunities/repository.ts';
import { CATEGORIES } from '../../api/opportunities/taxonomy.ts';

const DISTRICTS = ['kangi', 'keirin', 'miyoshi', 'amagase', 'oyama', 'maetsue', 'nakatsue', 'kamitsue'];

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Insert `count` published opportunities with shifts (bench database only). */
export function seedBenchOpportunities(db: Db, count = 10_000): void {
  const now = Math.floor(Date.now() / 1000);
  const next = random(7);
  const owner = 'benchowner000000000000000';
  db.transaction(() => {
    db.run(
      "INSERT OR IGNORE INTO users (id, email, display_name, locale, created_at, updated_at) VALUES (?, NULL, 'bench', 'ja', ?, ?)",
      [owner, now, now],
    );
    for (let i = 0; i < count; i++) {
      const district = DISTRICTS[Math.floor(next() * DISTRICTS.length)] ?? 'kangi';
      const id = insertOpportunity(
        db,
        {
          orgId: null,
          title: `ベンチ用の活動 ${i}`,
          description: '負荷測定のためのデータです。',
          category: CATEGORIES[Math.floor(next() * CATEGORIES.length)] ?? 'salon',
          skills: [],
          placeId: null,
          address: null,
          districtId: district,
          lng: 130.83 + next() * 0.25,
          lat: 33.03 + next() * 0.42,
          minAge: null,
          qualifications: [],
          whatToBring: null,
          insuranceNote: null,
          recurrence: null,
          status: 'published',
          sample: true,
        },
        owner,
        now,
      );
      let first = Infinity;
      for (let s = 0, n = 1 + Math.floor(next() * 4); s < n; s++) {
        const startsAt = now + 3600 + Math.floor(next() * 60 * 24) * 3600;
        first = Math.min(first, startsAt);
        insertShift(
          db,
          { opportunityId: id, startsAt, endsAt: startsAt + 7200, capacity: 1 + Math.floor(next() * 20) },
          now,
        );
      }
      db.run('UPDATE opportunities SET next_shift_at = ? WHERE id = ?', [first, id]);
    }
  });
}

/** People with sessions and big shifts for the sign-up load; returns cookies and shift ids. */
function prepareSignupLoad(
  file: string,
  people: number,
  shifts: number,
  cookieName: string,
): { cookies: string[]; shiftIds: number[] } {
  const db = openDatabase({ url: `file:${file}`, authToken: undefined, syncUrl: undefined });
  const now = Math.floor(Date.now() / 1000);
  const cookies: string[] = [];
  const shiftIds: number[] = [];
  db.transaction(() => {
    const prefix = `load${Math.floor(Math.random() * 1e6)}`;
    for (let i = 0; i < people; i++) {
      const id = `${prefix}-${i}`;
      db.run(
        "INSERT INTO users (id, email, display_name, locale, created_at, updated_at) VALUES (?, ?, 'load', 'ja', ?, ?)",
        [id, `${id}@bench.example.jp`, now, now],
      );
      cookies.push(`${cookieName}=${createSession(db, id, now, 'bench').token}`);
    }
    const opportunity = insertOpportunity(
      db,
      {
        orgId: null,
        title: '負荷測定の活動',
        description: 'bench',
        category: 'event',
        skills: [],
        placeId: 'chuo-kominkan',
        address: null,
        districtId: 'kangi',
        lng: 130.938333,
        lat: 33.322232,
        minAge: null,
        qualifications: [],
        whatToBring: null,
        insuranceNote: null,
        recurrence: null,
        status: 'published',
        sample: true,
      },
      'benchowner000000000000000',
      now,
    );
    for (let s = 0; s < shifts; s++) {
      shiftIds.push(
        insertShift(
          db,
          {
            opportunityId: opportunity,
            startsAt: now + 86400 * (3 + s),
            endsAt: now + 86400 * (3 + s) + 7200,
            capacity: 1000,
          },
          now,
        ),
      );
    }
  });
  db.close();
  return { cookies, shiftIds };
}

/**
 * CPU time (user + system, µs) that process `pid` has used so far, from /proc (Linux); undefined
 * elsewhere. Clock ticks are 1/100 s on Linux (USER_HZ).
 */
function processCpuMicros(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return Number.isFinite(ticks) ? ticks * 10_000 : undefined;
  } catch {
    return undefined;
  }
}

/** Sign-ups with 50 connections for `seconds`, each a new (person, shift) pair of `load`. */
function sendSignups(
  url: string,
  origin: string,
  load: { cookies: string[]; shiftIds: number[] },
  seconds: number,
): Promise<autocannon.Result> {
  let n = 0;
  const people = load.cookies.length;
  return autocannon({
    url,
    connections: 50,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const i = n++;
          const cookie = load.cookies[i % people] ?? '';
          const shift = load.shiftIds[Math.floor(i / people) % load.shiftIds.length] ?? 0;
          return {
            ...request,
            path: `/api/opportunities/shifts/${shift}/signups`,
            headers: { 'content-type': 'application/json', origin, cookie },
            body: '{}',
          };
        },
      },
    ],
  });
}

/**
 * P6: sign-ups per second through HTTP. Each request is a new (person, shift) pair, so every 201 is
 * one committed transaction (seat or waitlist, sign-up row, outbox message). Like the read
 * benchmarks, a warm-up run comes first (other people and shifts; its numbers are discarded), so
 * the measured run does not count the JIT compiling the sign-up path. Both loads are written to
 * the database before any request is sent.
 */
export async function benchSignups(options: {
  url: string;
  file: string;
  origin: string;
  cookieName: string;
  seconds: number;
  /** Length of the discarded warm-up run (default 2 s). */
  warmUpSeconds?: number;
  /** The server's process id: its CPU time per sign-up is reported too (Linux). */
  serverPid?: number | undefined;
}): Promise<{ rps: number; p99: number; created: number; errors: number; cpuMicrosPerSignup?: number }> {
  const warmUp = prepareSignupLoad(options.file, 2000, 20, options.cookieName);
  const measured = prepareSignupLoad(options.file, 4000, 60, options.cookieName);
  await sendSignups(options.url, options.origin, warmUp, options.warmUpSeconds ?? 2);
  const cpuBefore = processCpuMicros(options.serverPid);
  const result = await sendSignups(options.url, options.origin, measured, options.seconds);
  const cpuAfter = processCpuMicros(options.serverPid);
  const created = result['2xx'];
  return {
    rps: created / options.seconds,
    p99: result.latency.p99,
    created,
    errors: result.errors + result.non2xx,
    ...(cpuBefore !== undefined && cpuAfter !== undefined && created > 0
      ? { cpuMicrosPerSignup: (cpuAfter - cpuBefore) / created }
      : {}),
  };
}

/**
 * R3 over HTTP: send sign-ups with 50 in flight, `kill -9` the server after `killAfterMs`, then
 * check that every acknowledged sign-up is in the database and the database is intact.
 */
export async function crashSignups(options: {
  url: string;
  file: string;
  origin: string;
  cookieName: string;
  server: ChildProcess;
  killAfterMs: number;
  /** Start the server again on the same database; resolves when it answers. */
  restart: () => Promise<ChildProcess>;
}): Promise<{ acknowledged: number; missing: number; integrity: string }> {
  const people = 3000;
  const { cookies, shiftIds } = prepareSignupLoad(options.file, people, 5, options.cookieName);
  const acknowledged: number[] = [];
  let n = 0;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const i = n++;
      try {
        const response = await fetch(
          `${options.url}/api/opportunities/shifts/${shiftIds[Math.floor(i / people) % shiftIds.length]}/signups`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: options.origin, cookie: cookies[i % people] ?? '' },
            body: '{}',
          },
        );
        if (response.status === 201) acknowledged.push(((await response.json()) as { signupId: number }).signupId);
      } catch {
        return; // the server is gone
      }
    }
  };
  const workers = Array.from({ length: 50 }, worker);
  await new Promise((resolve) => setTimeout(resolve, options.killAfterMs));
  options.server.kill('SIGKILL');
  stop = true;
  await Promise.all(workers);
  if (options.server.exitCode === null && options.server.signalCode === null) {
    await new Promise((resolve) => options.server.once('exit', resolve));
  }
  // Restart the server on the same file (WAL recovery), then look for every acknowledged sign-up.
  const restarted = await options.restart();
  const db = openDatabase({ url: `file:${options.file}`, authToken: undefined, syncUrl: undefined });
  const present = new Set(
    db
      .all<{ id: number }>('SELECT id FROM signups WHERE id IN (SELECT value FROM json_each(?))', [
        JSON.stringify(acknowledged),
      ])
      .map((row) => row.id),
  );
  const integrity = db.get<{ integrity_check: string }>('PRAGMA integrity_check')?.integrity_check ?? '?';
  db.close();
  restarted.kill();
  return {
    acknowledged: acknowledged.length,
    missing: acknowledged.filter((id) => !present.has(id)).length,
    integrity,
  };
}
