/**
 * S7: runs the authorization matrix of api/authz-matrix.ts — every endpoint × every persona
 * (anonymous, resident, volunteer, driver, business A, business B, coordinator, admin).
 */
import { describe, expect, it } from 'vitest';
import { type MatrixRow, ROWS } from './authz-matrix.ts';
import { createWorld, loginAs, PERSONAS, type Persona, type World } from './test/world.ts';

async function run(world: World, row: MatrixRow, persona: Persona): Promise<number> {
  const headers = loginAs(world, persona);
  const body = row.body?.(world, persona);
  const response = await world.app.request(row.path?.(world, persona) ?? row.template, {
    method: row.method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return response.status;
}

describe('authorization matrix (S7)', () => {
  it('covers every endpoint of the OpenAPI document', async () => {
    const world = await createWorld();
    const doc = (await (await world.app.request('/api/openapi.json')).json()) as { paths: Record<string, object> };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const covered = new Set(ROWS.map((row) => `${row.method} ${row.template}`));
    expect(documented.filter((endpoint) => !covered.has(endpoint))).toEqual([]);
  });

  it('gives every persona the expected status on every endpoint', async () => {
    const shared = await createWorld();
    const failures: string[] = [];
    for (const row of ROWS) {
      for (const persona of PERSONAS) {
        const world = row.fresh ? await createWorld() : shared;
        const status = await run(world, row, persona);
        if (status !== row.expect[persona]) {
          failures.push(
            `${row.method} ${row.template}${row.note ? ` (${row.note})` : ''} as ${persona}: ${status}, expected ${row.expect[persona]}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
