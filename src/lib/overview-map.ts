/**
 * The overview map of the map page, drawn at build time as SVG: the city boundary and a dot per
 * place. It needs no script, no tiles and no WebGL, so it shows at once on any phone (and in
 * print); the interactive map (maplibre-gl, ~430 KB) loads only when the person asks for it.
 *
 * Projection: equirectangular with the longitude scaled by cos(mean latitude), which is true to
 * shape within a few parts per thousand over a city of 40 km.
 */

/** A GeoJSON position: [longitude, latitude]. */
export type LngLat = readonly [number, number];

/** One ring (closed line) of a polygon. */
type Ring = readonly LngLat[];

/** The parts of GeoJSON this drawing reads: Polygon and MultiPolygon features. */
export interface BoundaryCollection {
  features: readonly {
    geometry:
      | { type: 'Polygon'; coordinates: readonly Ring[] }
      | { type: 'MultiPolygon'; coordinates: readonly (readonly Ring[])[] }
      | { type: string; coordinates: unknown };
  }[];
}

/** A place to mark on the overview map. */
export interface OverviewPoint {
  id: string;
  location: LngLat;
}

/** What the component draws. */
export interface OverviewMap {
  /** `0 0 width height` */
  viewBox: string;
  width: number;
  height: number;
  /** SVG path data of the boundary (every ring, closed). */
  boundaryPath: string;
  /** One dot per place, in the order given. */
  points: { id: string; x: number; y: number }[];
}

/** The polygon rings of every feature (other geometry types are ignored). */
function ringsOf(boundary: BoundaryCollection): Ring[] {
  const rings: Ring[] = [];
  for (const { geometry } of boundary.features) {
    if (geometry.type === 'Polygon') rings.push(...(geometry.coordinates as readonly Ring[]));
    if (geometry.type === 'MultiPolygon') {
      for (const polygon of geometry.coordinates as readonly (readonly Ring[])[]) rings.push(...polygon);
    }
  }
  return rings;
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Project the boundary and the places into an SVG box `width` wide (the height follows the
 * shape), with `margin` units free on every side. Places outside the boundary's box still show:
 * the box grows to hold them.
 */
export function overviewMap(
  boundary: BoundaryCollection,
  places: readonly OverviewPoint[],
  { width = 600, margin = 12 }: { width?: number; margin?: number } = {},
): OverviewMap {
  const rings = ringsOf(boundary);
  const all = [...rings.flat(), ...places.map((place) => place.location)];
  if (all.length === 0) throw new Error('overviewMap: nothing to draw');
  const lngs = all.map(([lng]) => lng);
  const lats = all.map(([, lat]) => lat);
  const [west, east] = [Math.min(...lngs), Math.max(...lngs)];
  const [south, north] = [Math.min(...lats), Math.max(...lats)];
  const xScale = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = Math.max((east - west) * xScale, 1e-9);
  const spanY = Math.max(north - south, 1e-9);
  const scale = (width - 2 * margin) / spanX;
  const height = round(spanY * scale + 2 * margin);
  const project = ([lng, lat]: LngLat) => ({
    x: round(margin + (lng - west) * xScale * scale),
    y: round(margin + (north - lat) * scale),
  });
  const boundaryPath = rings
    .map((ring) => {
      const [first, ...rest] = ring.map(project);
      if (!first) return '';
      return `M${first.x} ${first.y}${rest.map((p) => `L${p.x} ${p.y}`).join('')}Z`;
    })
    .join('');
  return {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    boundaryPath,
    points: places.map((place) => ({ id: place.id, ...project(place.location) })),
  };
}
