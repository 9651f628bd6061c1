-- 地区 (districts): a mirror of content/districts/districts.json so SQL can join on it.
-- The content file stays the source of truth; api/content/sync.ts refreshes this table at start-up.
CREATE TABLE districts (
  id TEXT PRIMARY KEY,
  sort_order INTEGER NOT NULL,
  name_ja TEXT NOT NULL,
  name_en TEXT NOT NULL,
  reading TEXT NOT NULL,
  area TEXT NOT NULL CHECK (area IN ('hita', 'amagase', 'oyama', 'maetsue', 'nakatsue', 'kamitsue')),
  lng REAL NOT NULL,
  lat REAL NOT NULL,
  sample INTEGER NOT NULL CHECK (sample IN (0, 1)),
  source TEXT NOT NULL,
  checked_on TEXT NOT NULL
) STRICT;

-- Small facts about this database (e.g. when demo data was loaded).
CREATE TABLE app_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
