/**
 * Content collections (validated at build time). Each feature defines its collections in
 * src/collections/<feature>.ts and spreads them here; content files live in content/.
 * (Not src/content/: Astro 5 would treat folders there as legacy collections.)
 */
import { infoCollections } from './collections/info.ts';
import { placeCollections } from './collections/places';

export const collections = { ...infoCollections, ...placeCollections };
