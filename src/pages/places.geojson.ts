/** /places.geojson — all places as GeoJSON (prerendered open data). */
import type { APIRoute } from 'astro';
import { placesGeoJson } from '../../api/places/open-data';
import { getPlaces } from '../lib/places';

export const prerender = true;

export const GET: APIRoute = async ({ site }) =>
  new Response(JSON.stringify(placesGeoJson(await getPlaces(), site?.origin ?? 'http://localhost:4321')), {
    headers: { 'Content-Type': 'application/geo+json; charset=utf-8' },
  });
