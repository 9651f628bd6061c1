/** /places.csv — the 公共施設一覧 CSV (UTF-8 with BOM; prerendered open data). */
import type { APIRoute } from 'astro';
import { placesCsv } from '../../api/places/open-data';
import { getDistricts, getPlaces } from '../lib/places';

export const prerender = true;

export const GET: APIRoute = async ({ site }) =>
  new Response(placesCsv(await getPlaces(), await getDistricts(), site?.origin ?? 'http://localhost:4321'), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
