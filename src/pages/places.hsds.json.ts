/** /places.hsds.json — HSDS-style locations and schedules (prerendered open data). */
import type { APIRoute } from 'astro';
import { placesHsds } from '../../api/places/open-data';
import { getPlaces } from '../lib/places';

export const prerender = true;

export const GET: APIRoute = async ({ site }) =>
  new Response(JSON.stringify(placesHsds(await getPlaces(), site?.origin ?? 'http://localhost:4321'), null, 1), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
