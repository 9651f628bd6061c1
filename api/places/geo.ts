/**
 * Small geometry helpers (pure): distances on the Earth, point-in-polygon, bounding boxes.
 * Coordinates are `[lng, lat]` in WGS84, as in GeoJSON.
 */

/** A `[lng, lat]` position. */
export type LngLat = readonly [number, number];
/** `[minLng, minLat, maxLng, maxLat]`. */
export type BBox = readonly [number, number, number, number];

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: LngLat, b: LngLat): number {
  const dLat = rad(b[1] - a[1]);
  const dLng = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A box that contains every point within `radius` metres of `centre` (a prefilter for SQL). */
export function bboxAround(centre: LngLat, radius: number): BBox {
  const dLat = (radius / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLng = dLat / Math.max(Math.cos(rad(centre[1])), 0.01);
  return [centre[0] - dLng, centre[1] - dLat, centre[0] + dLng, centre[1] + dLat];
}

function inRing(point: LngLat, ring: readonly (readonly number[])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A GeoJSON Polygon or MultiPolygon geometry. */
export type PolygonGeometry =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** Whether a point lies inside a Polygon or MultiPolygon (holes respected). */
export function pointInPolygon(point: LngLat, geometry: PolygonGeometry): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some(
    ([outer, ...holes]) => outer !== undefined && inRing(point, outer) && !holes.some((hole) => inRing(point, hole)),
  );
}

/** The bounding box of a Polygon or MultiPolygon. */
export function bboxOf(geometry: PolygonGeometry): BBox {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  const points = rings.flat() as [number, number][];
  return [
    Math.min(...points.map((p) => p[0])),
    Math.min(...points.map((p) => p[1])),
    Math.max(...points.map((p) => p[0])),
    Math.max(...points.map((p) => p[1])),
  ];
}
