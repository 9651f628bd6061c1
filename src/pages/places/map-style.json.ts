/**
 * /places/map-style.json — the offline map style: the city boundary (国土数値情報, processed) and
 * the 地区 points, with no glyphs or sprites, so it renders with no outside request.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { APIRoute } from 'astro';
import type { PolygonGeometry } from '../../../api/places/geo';
import { offlineMapStyle } from '../../../api/places/open-data';
import { getDistricts } from '../../lib/places';

export const prerender = true;

export const GET: APIRoute = async () => {
  const boundary = JSON.parse(
    fs.readFileSync(path.join(process.cwd(), 'public', 'data', 'hita-boundary.geojson'), 'utf8'),
  ) as { features: { geometry: PolygonGeometry }[] };
  return new Response(JSON.stringify(offlineMapStyle(boundary, await getDistricts())), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
