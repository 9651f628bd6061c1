/**
 * The places an opportunity can be held at: the gathering places of content/places (read once,
 * only the fields opportunities need: name, 地区, approximate point, sample flag).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../config.ts';

const placeSchema = z.object({
  id: z.string(),
  name: z.object({ ja: z.string(), en: z.string() }),
  district: z.string(),
  location: z.tuple([z.number(), z.number()]),
  sample: z.boolean(),
});

/** A place, as opportunities use it. */
export type PlaceRef = z.infer<typeof placeSchema>;

let cache: Map<string, PlaceRef> | undefined;

/** Every place by id (content/places/*.json). */
export function placesById(root: string = projectRoot): Map<string, PlaceRef> {
  if (cache && root === projectRoot) return cache;
  const dir = path.join(root, 'content', 'places');
  const places = new Map<string, PlaceRef>();
  for (const file of fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const place = placeSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    places.set(place.id, place);
  }
  if (root === projectRoot) cache = places;
  return places;
}
