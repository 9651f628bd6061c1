/**
 * Content collections `places` and `districts`, loaded by a custom loader that reuses the API's
 * loaders (api/content/*.ts). Those validate with the one zod 4 schema, so the site and the API
 * never disagree about what a valid place is (Astro's own `schema` option would need a second,
 * zod 3 copy). Typed access for pages: src/lib/places.ts.
 */
import { defineCollection } from 'astro:content';
import type { Loader, LoaderContext } from 'astro/loaders';
import { loadDistricts } from '../../api/content/districts.ts';
import { loadPlaces, placesDir } from '../../api/content/places.ts';

function jsonLoader<T extends { id: string }>(name: string, read: () => T[], watchDir: string): Loader {
  const fill = (context: LoaderContext) => {
    context.store.clear();
    for (const entry of read()) {
      context.store.set({ id: entry.id, data: { ...entry }, digest: context.generateDigest(entry) });
    }
  };
  return {
    name,
    load: (context) => {
      fill(context);
      context.watcher?.add(watchDir);
      context.watcher?.on('change', (file) => {
        if (file.startsWith(watchDir)) fill(context);
      });
      return Promise.resolve();
    },
  };
}

/** The places collections (spread into src/content.config.ts). */
export const placeCollections = {
  places: defineCollection({ loader: jsonLoader('places', () => loadPlaces(), placesDir()) }),
  districts: defineCollection({
    loader: jsonLoader('districts', () => loadDistricts(), placesDir().replace(/places$/, 'districts')),
  }),
};
