-- Volunteer opportunities, shifts, sign-ups (with waitlist, reminders, attendance and hours) and
-- volunteer profiles (issue 6). Times are INTEGER unix seconds (UTC); durations in minutes.

-- An opportunity posted by a verified organization (org_id) or by a coordinator (org_id NULL: the
-- 社会福祉協議会 itself). List-valued fields are JSON arrays of codes from api/opportunities/taxonomy.ts.
CREATE TABLE opportunities (
  id INTEGER PRIMARY KEY,
  org_id TEXT REFERENCES organizations (id),
  created_by TEXT NOT NULL REFERENCES users (id),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  category TEXT NOT NULL,
  skills TEXT NOT NULL DEFAULT '[]',
  -- Where: a place of content/places, or an address point (never a person's address).
  place_id TEXT,
  address TEXT,
  district_id TEXT,
  lng REAL,
  lat REAL,
  min_age INTEGER CHECK (min_age IS NULL OR min_age BETWEEN 0 AND 120),
  qualifications TEXT NOT NULL DEFAULT '[]',
  what_to_bring TEXT,
  insurance_note TEXT,
  -- The recurrence the shifts were made from (RFC 5545 RRULE), for display only.
  recurrence TEXT,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
  -- Start of the next open shift (refreshed when shifts change and by the scheduler), for fast lists.
  next_shift_at INTEGER,
  sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  published_at INTEGER
) STRICT;
CREATE INDEX opportunities_list ON opportunities (status, next_shift_at, id);
CREATE INDEX opportunities_category ON opportunities (status, category, next_shift_at);
CREATE INDEX opportunities_district ON opportunities (status, district_id, next_shift_at);
CREATE INDEX opportunities_org ON opportunities (org_id);

CREATE TABLE shifts (
  id INTEGER PRIMARY KEY,
  opportunity_id INTEGER NOT NULL REFERENCES opportunities (id),
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  -- Confirmed sign-ups, kept in the same transaction as `signups` (capacity is checked with it).
  confirmed_count INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled')),
  created_at INTEGER NOT NULL,
  CHECK (ends_at > starts_at),
  CHECK (confirmed_count BETWEEN 0 AND capacity)
) STRICT;
CREATE INDEX shifts_opportunity ON shifts (opportunity_id, starts_at);
CREATE INDEX shifts_start ON shifts (starts_at);

-- One row per person and shift. The waitlist is ordered by `queued_at`, then `id`.
CREATE TABLE signups (
  id INTEGER PRIMARY KEY,
  shift_id INTEGER NOT NULL REFERENCES shifts (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
  -- A coordinator who signed the person up (proxy), or NULL when they did it themselves.
  signed_up_by TEXT REFERENCES users (id),
  queued_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  promoted_at INTEGER,
  cancelled_at INTEGER,
  reminded_at INTEGER,
  attendance TEXT CHECK (attendance IS NULL OR attendance IN ('attended', 'absent')),
  minutes INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 0 AND 1440),
  attendance_by TEXT REFERENCES users (id),
  attendance_at INTEGER,
  UNIQUE (shift_id, user_id)
) STRICT;
CREATE INDEX signups_shift ON signups (shift_id, status, queued_at, id);
CREATE INDEX signups_user ON signups (user_id, status);
CREATE INDEX signups_reminder ON signups (status, reminded_at);

-- What a volunteer tells about themselves for matching: a 地区 at most (never an address), the
-- birth year (for age limits), weekly availability as ["6:morning", …] (weekday 0 = Sunday).
CREATE TABLE volunteer_profiles (
  user_id TEXT PRIMARY KEY REFERENCES users (id),
  district_id TEXT,
  interests TEXT NOT NULL DEFAULT '[]',
  skills TEXT NOT NULL DEFAULT '[]',
  qualifications TEXT NOT NULL DEFAULT '[]',
  availability TEXT NOT NULL DEFAULT '[]',
  languages TEXT NOT NULL DEFAULT '[]',
  max_travel_km INTEGER CHECK (max_travel_km IS NULL OR max_travel_km BETWEEN 1 AND 200),
  birth_year INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),
  updated_at INTEGER NOT NULL
) STRICT;
