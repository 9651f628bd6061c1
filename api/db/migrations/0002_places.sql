-- Gathering places (集いの場): a mirror of content/places/*.json so SQL can filter, join and page.
-- Content stays the source of truth; api/content/places.ts upserts these rows at start-up.
-- district_id has no foreign key: the districts mirror is rebuilt wholesale at start-up.
CREATE TABLE places (
  id TEXT PRIMARY KEY,
  sort_order INTEGER NOT NULL,
  name_ja TEXT NOT NULL,
  name_en TEXT NOT NULL,
  reading TEXT NOT NULL,
  kinds TEXT NOT NULL,                 -- JSON array of kind ids
  kind_mask INTEGER NOT NULL,          -- bit i = kind i of PLACE_KINDS (api/content/places.ts)
  district_id TEXT NOT NULL,
  area TEXT NOT NULL CHECK (area IN ('hita', 'amagase', 'oyama', 'maetsue', 'nakatsue', 'kamitsue')),
  address_ja TEXT,
  address_en TEXT,
  postal_code TEXT,
  lng REAL NOT NULL,
  lat REAL NOT NULL,
  precision TEXT NOT NULL CHECK (precision IN ('exact', 'town')),
  wheelchair INTEGER CHECK (wheelchair IN (0, 1)),   -- NULL = unknown
  parking INTEGER CHECK (parking IN (0, 1)),
  toilet INTEGER CHECK (toilet IN (0, 1)),
  bus_stop_ja TEXT,
  bus_stop_en TEXT,
  bus INTEGER NOT NULL CHECK (bus IN (0, 1)),        -- 1 = a bus stop is named (for filtering)
  phone TEXT,
  fax TEXT,
  url TEXT,
  weekday_mask INTEGER NOT NULL,       -- union of the schedules' weekdays (bit 0 = Monday)
  schedule_json TEXT NOT NULL,         -- the schedules with their text, as the API returns them
  sample INTEGER NOT NULL CHECK (sample IN (0, 1)),
  sample_fields TEXT NOT NULL,         -- JSON array of field names holding sample values
  source TEXT,
  checked_on TEXT NOT NULL
) STRICT;

-- Covering indexes: the list's filters, count and paging read only these, never the wide rows;
-- the JSON is built for the rows of one page only (api/places/repository.ts).
CREATE INDEX places_filter ON places (sort_order, kind_mask, weekday_mask, district_id, area, wheelchair, parking,
  toilet, bus, sample, lat, lng);
CREATE INDEX places_position ON places (lat, lng, sort_order, kind_mask, weekday_mask, district_id, area, wheelchair,
  parking, toilet, bus, sample);

-- One row per recurring activity (RFC 5545 RRULE, times in Japan time).
CREATE TABLE place_schedules (
  place_id TEXT NOT NULL REFERENCES places (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  activity_ja TEXT NOT NULL,
  activity_en TEXT NOT NULL,
  rrule TEXT NOT NULL,
  start_time TEXT NOT NULL,            -- HH:MM
  end_time TEXT NOT NULL,
  skip_holidays INTEGER NOT NULL CHECK (skip_holidays IN (0, 1)),
  start_date TEXT NOT NULL,
  end_date TEXT,
  weekday_mask INTEGER NOT NULL,
  PRIMARY KEY (place_id, position)
) STRICT;
