import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type BoundaryCollection, overviewMap } from './overview-map.ts';

const square: BoundaryCollection = {
  features: [
    {
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [131, 33],
            [131.1, 33],
            [131.1, 33.1],
            [131, 33.1],
            [131, 33],
          ],
        ],
      },
    },
  ],
};

describe('overviewMap', () => {
  it('keeps the shape: a square in degrees is narrower than tall at 33°N (cos 33° ≈ 0.84)', () => {
    const map = overviewMap(square, [], { width: 100, margin: 0 });
    expect(map.width).toBe(100);
    expect(map.height).toBeCloseTo(100 / Math.cos((33.05 * Math.PI) / 180), 1);
    expect(map.viewBox).toBe(`0 0 100 ${map.height}`);
  });

  it('puts north up and west left, inside the margins', () => {
    const map = overviewMap(
      square,
      [
        { id: 'north-west', location: [131, 33.1] },
        { id: 'south-east', location: [131.1, 33] },
        { id: 'centre', location: [131.05, 33.05] },
      ],
      { width: 120, margin: 10 },
    );
    const [nw, se, centre] = map.points;
    expect(nw).toEqual({ id: 'north-west', x: 10, y: 10 });
    expect(se).toEqual({ id: 'south-east', x: 110, y: map.height - 10 });
    expect(centre!.x).toBeCloseTo(60, 0);
    expect(centre!.y).toBeCloseTo(map.height / 2, 0);
    expect(map.points.every((p) => p.x >= 10 && p.x <= 110 && p.y >= 10 && p.y <= map.height - 10)).toBe(true);
  });

  it('draws every ring of polygons and multipolygons as a closed path', () => {
    const two: BoundaryCollection = {
      features: [
        square.features[0]!,
        { geometry: { type: 'MultiPolygon', coordinates: [square.features[0]!.geometry.coordinates as never] } },
        { geometry: { type: 'Point', coordinates: [131, 33] } },
      ],
    };
    const path = overviewMap(two, []).boundaryPath;
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path.match(/Z/g)).toHaveLength(2);
  });

  it('grows the box to hold a place outside the boundary', () => {
    const map = overviewMap(square, [{ id: 'far', location: [131.2, 33.05] }], { width: 200, margin: 0 });
    expect(map.points[0]!.x).toBe(200);
  });

  it('draws the real city boundary small enough to inline in the page', () => {
    const boundary = JSON.parse(fs.readFileSync('public/data/hita-boundary.geojson', 'utf8')) as BoundaryCollection;
    const map = overviewMap(boundary, [{ id: 'hita-station', location: [130.9335, 33.3216] }]);
    expect(map.boundaryPath.length).toBeGreaterThan(500);
    expect(map.boundaryPath.length).toBeLessThan(12_000);
    expect(map.points[0]!.x).toBeGreaterThan(0);
    expect(map.points[0]!.y).toBeGreaterThan(0);
  });
});
