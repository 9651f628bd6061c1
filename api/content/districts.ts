/**
 * 地区 (districts) from content/districts/districts.json: schema, loading, and the DB mirror.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../config.ts';
import type { Db } from '../db/client.ts';

/** The six areas of the merged city (旧日田市 and the five former towns and villages). */
export const AREAS = ['hita', 'amagase', 'oyama', 'maetsue', 'nakatsue', 'kamitsue'] as const;

const localized = z.object({ ja: z.string().min(1), en: z.string().min(1) });

/** One 地区 as stored in content. */
export const districtSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  order: z.number().int().positive(),
  name: localized,
  reading: z.string().regex(/^[\p{Script=Hiragana}ー]+$/u),
  area: z.enum(AREAS),
  /** Representative point `[lng, lat]` of a town inside the district (approximate). */
  point: z.tuple([z.number().min(122).max(154), z.number().min(20).max(46)]),
  pointTown: z.string().min(1),
  pointConfirmed: z.boolean(),
  precision: z.literal('town'),
  sample: z.boolean(),
  note: localized.optional(),
  source: z.string().min(1),
  checkedOn: z.iso.date(),
});

/** A district. */
export type District = z.infer<typeof districtSchema>;

const fileSchema = z.object({ credit: localized, districts: z.array(districtSchema).min(1) });

/** Read and validate content/districts/districts.json. */
export function loadDistricts(root: string = projectRoot): District[] {
  const file = path.join(root, 'content', 'districts', 'districts.json');
  return fileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))).districts;
}

/** Replace the districts mirror with the content (one transaction). */
export function syncDistricts(db: Db, districts: District[]): void {
  db.transaction(() => {
    db.run('DELETE FROM districts');
    for (const d of districts) {
      db.run(
        `INSERT INTO districts (id, sort_order, name_ja, name_en, reading, area, lng, lat, sample, source, checked_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          d.id,
          d.order,
          d.name.ja,
          d.name.en,
          d.reading,
          d.area,
          d.point[0],
          d.point[1],
          d.sample ? 1 : 0,
          d.source,
          d.checkedOn,
        ],
      );
    }
  });
}
