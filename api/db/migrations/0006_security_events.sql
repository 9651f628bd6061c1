-- Security events (ASVS 16.3.1–16.3.3, issue 5): sign-ins and their failures, sign-outs, rate-limit
-- refusals, password changes and resets, e-mail verification, ended sessions, account deletion,
-- role changes and organization reviews. Written by api/privacy/security-events.ts.
--
-- Never a password, a token, an e-mail address or an IP address in clear: `ip_hash` and
-- `identifier_hash` are truncated HMAC-SHA-256 values keyed with `security_event_key`, so an admin
-- reading the log can see that the same address or submitted identifier came back, but cannot look
-- up whether someone's e-mail address has an account (the log is no enumeration oracle).
CREATE TABLE security_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  -- The account concerned, when known.
  user_id TEXT REFERENCES users (id),
  -- Who did it when it was someone else (an admin granting a role, a coordinator deleting for a person).
  actor_id TEXT REFERENCES users (id),
  ip_hash TEXT,
  identifier_hash TEXT,
  -- Codes and ids only (a rule name, a role, a count, a coarse device label).
  detail TEXT
) STRICT;
CREATE INDEX security_events_user ON security_events (user_id, id);
CREATE INDEX security_events_type ON security_events (type, id);

-- Append-only. Rows may be deleted only once they are older than the retention period (400 days),
-- by the hourly housekeeping.
CREATE TRIGGER security_events_no_update BEFORE UPDATE ON security_events
BEGIN
  SELECT RAISE(ABORT, 'security events are append-only');
END;
CREATE TRIGGER security_events_no_early_delete BEFORE DELETE ON security_events
WHEN old.at > unixepoch() - 400 * 86400
BEGIN
  SELECT RAISE(ABORT, 'security events are kept for 400 days');
END;

-- The key of the hashes above: 256 random bits made once per database.
CREATE TABLE security_event_key (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  key BLOB NOT NULL CHECK (length(key) = 32)
) STRICT;
INSERT INTO security_event_key (id, key) VALUES (1, randomblob(32));
