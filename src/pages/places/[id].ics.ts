/** /places/<id>.ics — iCalendar feed of one place's gatherings (prerendered, places with a schedule). */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Place } from '../../../api/content/places';
import { placesIcal } from '../../../api/places/open-data';
import { getPlaces } from '../../lib/places';

export const prerender = true;

export const getStaticPaths = (async () =>
  (await getPlaces())
    .filter((place) => place.schedule.length > 0)
    .map((place) => ({ params: { id: place.id }, props: { place } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ place: Place }> = ({ props, site }) =>
  new Response(placesIcal([props.place], site?.origin ?? 'http://localhost:4321', new Date(), props.place.name.ja), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
