/**
 * SQL for districts (read-only mirror of content).
 */
import type { Db } from '../db/client.ts';

/** A district row as the API returns it. */
export interface DistrictRow {
  id: string;
  nameJa: string;
  nameEn: string;
  reading: string;
  area: string;
  lng: number;
  lat: number;
  sample: boolean;
  source: string;
  checkedOn: string;
}

/** The SQL of the district list (also used by the benchmark's bare baseline route). */
export const LIST_DISTRICTS_SQL = `SELECT id, name_ja AS nameJa, name_en AS nameEn, reading, area, lng, lat, sample,
  source, checked_on AS checkedOn FROM districts WHERE (?1 IS NULL OR area = ?1) ORDER BY sort_order`;

/** All districts, optionally of one area, in display order. */
export function listDistricts(db: Db, area: string | null): DistrictRow[] {
  return db
    .all<Omit<DistrictRow, 'sample'> & { sample: number }>(LIST_DISTRICTS_SQL, [area])
    .map((row) => ({ ...row, sample: row.sample === 1 }));
}
