/**
 * GET /api/places: filters, bbox, near + radius, paging, validation, the response shape; one
 * place; the map configuration.
 */
import { describe, expect, it } from 'vitest';
import { loadPlaces } from '../content/places.ts';
import { createTestApp } from '../test/helpers.ts';
import { distanceMetres } from './geo.ts';
import { PlaceListSchema, PlaceSchema } from './schema.ts';

const { app } = createTestApp();
const places = loadPlaces();

interface ListBody {
  items: {
    id: string;
    kinds: string[];
    district: string;
    sample: boolean;
    distanceM: number | null;
    location: [number, number];
  }[];
  total: number;
  limit: number;
  offset: number;
}

async function list(query: string): Promise<ListBody> {
  const response = await app.request(`/api/places${query}`);
  expect(response.status, query).toBe(200);
  return (await response.json()) as ListBody;
}

describe('GET /api/places', () => {
  it('lists places in display order with paging, as public open data', async () => {
    const response = await app.request('/api/places?limit=5');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toContain('public');
    const body = (await response.json()) as ListBody;
    expect(PlaceListSchema.safeParse(body).success).toBe(true);
    expect(body.total).toBe(places.length);
    expect(body.items.map((p) => p.id)).toEqual(places.slice(0, 5).map((p) => p.id));
    const next = await list('?limit=5&offset=5');
    expect(next.items.map((p) => p.id)).toEqual(places.slice(5, 10).map((p) => p.id));
    const all = await list('?limit=100');
    expect(all.items).toHaveLength(places.length);
    for (const item of all.items) expect(PlaceSchema.safeParse(item).success, item.id).toBe(true);
  });

  it('returns the schedule with its text and the sample flags', async () => {
    const body = await list('?district=keirin&kind=salon');
    const salon = body.items.find((p) => p.id === 'sample-keirin-salon') as unknown as {
      sample: boolean;
      schedule: { text: { ja: string } }[];
      page: string;
    };
    expect(salon.sample).toBe(true);
    expect(salon.schedule[0]?.text.ja).toBe('毎月第2火曜 10:00〜12:00（祝日は休み）');
    expect(salon.page).toBe('/places/sample-keirin-salon');
  });

  it('filters by kind, district, area, weekday, accessibility and sample, combined with AND', async () => {
    const expectIds = async (query: string, predicate: (p: (typeof places)[number]) => boolean) => {
      const body = await list(`${query}&limit=100`);
      expect(body.items.map((p) => p.id).sort(), query).toEqual(
        places
          .filter(predicate)
          .map((p) => p.id)
          .sort(),
      );
      expect(body.total).toBe(body.items.length);
    };
    await expectIds('?kind=kodomo-shokudo', (p) => p.kinds.includes('kodomo-shokudo'));
    await expectIds('?district=oyama', (p) => p.district === 'oyama');
    await expectIds('?area=nakatsue', (p) => p.area === 'nakatsue');
    await expectIds('?weekday=tu', (p) => p.schedule.some((s) => /TU/.test(s.rrule)));
    await expectIds(
      '?access=wheelchair,toilet',
      (p) => p.accessibility.wheelchair === true && p.accessibility.toilet === true,
    );
    await expectIds('?access=bus', (p) => p.accessibility.busStop !== null);
    await expectIds('?sample=exclude', (p) => !p.sample);
    await expectIds(
      '?kind=salon&weekday=we&sample=only',
      (p) => p.kinds.includes('salon') && p.sample && p.schedule.some((s) => /WE/.test(s.rrule)),
    );
  });

  it('keeps places inside a bounding box', async () => {
    const bbox = [130.92, 33.3, 130.96, 33.34] as const;
    const body = await list(`?bbox=${bbox.join(',')}&limit=100`);
    const expected = places.filter(
      (p) =>
        p.location[0] >= bbox[0] && p.location[0] <= bbox[2] && p.location[1] >= bbox[1] && p.location[1] <= bbox[3],
    );
    expect(body.items.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(expected.length).toBeGreaterThan(3);
  });

  it('sorts by distance from near=lat,lng and keeps those within the radius', async () => {
    const centre = [130.9411316, 33.3211655] as const; // the city centre point
    const body = await list(`?near=${centre[1]},${centre[0]}&radius=3000&limit=100`);
    const expected = places
      .map((p) => ({ id: p.id, d: distanceMetres(centre, p.location) }))
      .filter((p) => p.d <= 3000)
      .sort((a, b) => a.d - b.d);
    expect(body.items.map((p) => p.id)).toEqual(expected.map((p) => p.id));
    body.items.forEach((item, index) => expect(item.distanceM).toBeCloseTo(expected[index]!.d, -1));
    expect(body.items.length).toBeGreaterThan(3);
    const far = await list('?near=33.10,130.97&radius=100');
    expect(far.items.every((p) => (p.distanceM ?? Infinity) <= 100)).toBe(true);
  });

  it('rejects malformed queries with 400 and field details', async () => {
    for (const query of [
      '?kind=castle',
      '?limit=0',
      '?limit=101',
      '?offset=-1',
      '?weekday=monday',
      '?access=lift',
      '?bbox=131,33,130,34',
      '?bbox=1,2,3',
      '?near=95,130',
      '?near=33.3',
      '?radius=abc&near=33.3,130.9',
      '?district=DROP%20TABLE',
    ]) {
      const response = await app.request(`/api/places${query}`);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: { code: string; details: unknown[] } };
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.details.length).toBeGreaterThan(0);
    }
  });

  it('returns one place, or 404', async () => {
    const response = await app.request('/api/places/miyoshi-kominkan');
    expect(response.status).toBe(200);
    const place = (await response.json()) as {
      name: { ja: string };
      address: { ja: string };
      contact: { phone: string };
    };
    expect(place.name.ja).toBe('三芳公民館');
    expect(place.address.ja).toBe('大分県日田市下井手町989番地');
    expect(place.contact.phone).toBe('0973-22-1491');
    expect((await app.request('/api/places/no-such-place')).status).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/places', '/api/places/{id}', '/api/places/map-config']),
    );
  });
});

describe('GET /api/places/map-config', () => {
  it('says to use the offline style in tests, and the configured style otherwise', async () => {
    const offline: unknown = await (await app.request('/api/places/map-config')).json();
    expect(offline).toEqual({ styleUrl: null, offlineStyleUrl: '/places/map-style.json' });
    const { app: online } = createTestApp({
      config: { map: { styleUrl: 'https://tiles.example.jp/style.json', origins: ['https://tiles.example.jp'] } },
    });
    const body = (await (await online.request('/api/places/map-config')).json()) as { styleUrl: string };
    expect(body.styleUrl).toBe('https://tiles.example.jp/style.json');
  });
});

describe('filters from a page query string', () => {
  it('keeps valid values, drops invalid ones and accepts repeated checkboxes', async () => {
    const { filtersFromSearch } = await import('./schema.ts');
    const filters = filtersFromSearch(
      new URLSearchParams('kind=salon&district=Bad!&weekday=tu&access=wheelchair&access=toilet&access=lift&limit=5000'),
      { offset: 60 },
    );
    expect(filters).toMatchObject({
      kind: 'salon',
      weekday: 'TU',
      access: ['wheelchair', 'toilet'],
      limit: 20,
      offset: 60,
    });
    expect(filters.district).toBeUndefined();
  });
});
