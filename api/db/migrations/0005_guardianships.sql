-- Guardianships (issue 5, quality.md S9): a coordinator records that an account holder is the guardian
-- of a resident — family, 成年後見人 (legal guardian) or another supporter — how that was confirmed
-- (document / phone / in person), by which coordinator, and from which date. While a guardianship
-- has started and is not ended, the guardian may read the person's record, record consent decisions
-- for them (consent log capacity 'guardian') and download their data. Rows are never deleted: ending
-- one sets ended_at / ended_by, so the history stays as evidence of who could act for whom and when.
-- (Assigned migration number 0007; numbered 0005 on this branch so the migrations stay contiguous.)
CREATE TABLE guardianships (
  id TEXT PRIMARY KEY,
  resident_id TEXT NOT NULL REFERENCES users (id),
  guardian_id TEXT NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('family', 'legal_guardian', 'supporter')),
  basis TEXT NOT NULL CHECK (basis IN ('document', 'phone', 'in_person')),
  -- A calendar date in Japan (YYYY-MM-DD), e.g. the day a court appointment took effect: a date, not an instant.
  starts_on TEXT NOT NULL CHECK (starts_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  recorded_by TEXT NOT NULL REFERENCES users (id),
  recorded_at INTEGER NOT NULL,
  ended_at INTEGER,
  ended_by TEXT REFERENCES users (id),
  CHECK (resident_id <> guardian_id),
  CHECK ((ended_at IS NULL) = (ended_by IS NULL))
) STRICT;
-- At most one open guardianship per pair.
CREATE UNIQUE INDEX guardianships_open_pair ON guardianships (resident_id, guardian_id) WHERE ended_at IS NULL;
CREATE INDEX guardianships_guardian ON guardianships (guardian_id) WHERE ended_at IS NULL;
CREATE TRIGGER guardianships_no_delete BEFORE DELETE ON guardianships
BEGIN
  SELECT RAISE(ABORT, 'guardianships are ended, never deleted');
END;
-- Only the end may be written once; who, for whom, kind, basis and dates never change.
CREATE TRIGGER guardianships_end_only BEFORE UPDATE ON guardianships
WHEN OLD.ended_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.resident_id IS NOT OLD.resident_id OR NEW.guardian_id IS NOT OLD.guardian_id
  OR NEW.kind IS NOT OLD.kind OR NEW.basis IS NOT OLD.basis OR NEW.starts_on IS NOT OLD.starts_on
  OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at
BEGIN
  SELECT RAISE(ABORT, 'a guardianship can only be ended, once');
END;
