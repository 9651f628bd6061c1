/** /places.ics — iCalendar feed of every place's gatherings (prerendered). */
import type { APIRoute } from 'astro';
import { placesIcal } from '../../api/places/open-data';
import { getPlaces } from '../lib/places';

export const prerender = true;

export const GET: APIRoute = async ({ site }) =>
  new Response(placesIcal(await getPlaces(), site?.origin ?? 'http://localhost:4321', new Date()), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
