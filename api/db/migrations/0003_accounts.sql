-- Accounts, sessions, organizations, consent and audit logs, outbox, rate limits (issue 5).
-- Times are INTEGER unix seconds (UTC). Ids are random base32 strings (no counters to guess).

-- People. `email` is NULL for residents registered by a coordinator (no e-mail/phone) and after deletion.
-- Deletion keeps the row (aggregate counts, consent evidence) but blanks every personal field at once.
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT UNIQUE,
  email_verified_at INTEGER,
  password_hash TEXT,
  display_name TEXT NOT NULL,
  name_kana TEXT,
  phone TEXT,
  district_id TEXT,
  -- 要配慮個人情報 (support needs: disability, health, …): only with the 'sensitive_support' consent.
  support_needs TEXT,
  locale TEXT NOT NULL DEFAULT 'ja' CHECK (locale IN ('ja', 'en', 'easy')),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  registered_by TEXT REFERENCES users (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER
) STRICT;

-- Roles; a person may hold several.
CREATE TABLE user_roles (
  user_id TEXT NOT NULL REFERENCES users (id),
  role TEXT NOT NULL CHECK (role IN ('resident', 'volunteer', 'driver', 'business', 'coordinator', 'admin')),
  granted_by TEXT REFERENCES users (id),
  granted_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, role)
) STRICT;

-- Sessions (Lucia design): the cookie holds `id.secret`; only SHA-256(secret) is stored.
CREATE TABLE auth_sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  secret_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  last_verified_at INTEGER NOT NULL,
  -- A coarse device label ("Chrome on Android") so people recognise their sessions (no IP address).
  client_label TEXT NOT NULL
) STRICT;
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);

-- Single-use tokens for e-mail verification and password reset (`id.secret`, SHA-256(secret) stored).
CREATE TABLE auth_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  secret_hash BLOB NOT NULL,
  email TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX auth_tokens_user ON auth_tokens (user_id, purpose);

-- Businesses, NPOs, 社協 … registered by a member, verified by a coordinator.
CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('business', 'npo', 'shakyo', 'public', 'other')),
  corporate_number TEXT CHECK (corporate_number IS NULL OR length(corporate_number) = 13),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected')),
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  reviewed_by TEXT REFERENCES users (id),
  reviewed_at INTEGER,
  review_note TEXT
) STRICT;
CREATE INDEX organizations_status ON organizations (status);

CREATE TABLE org_members (
  org_id TEXT NOT NULL REFERENCES organizations (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  role TEXT NOT NULL CHECK (role IN ('owner', 'member')),
  added_by TEXT REFERENCES users (id),
  added_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, user_id)
) STRICT;
CREATE INDEX org_members_user ON org_members (user_id);

-- Who supports whom: a coordinator (proxy) or a guardian acting for a resident.
CREATE TABLE support_relations (
  resident_id TEXT NOT NULL REFERENCES users (id),
  supporter_id TEXT NOT NULL REFERENCES users (id),
  capacity TEXT NOT NULL CHECK (capacity IN ('proxy', 'guardian')),
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (resident_id, supporter_id)
) STRICT;
CREATE INDEX support_relations_supporter ON support_relations (supporter_id);

-- Consent log (APPI): append-only. Each row records one decision; the latest row per purpose wins.
--   subject_id  the person the consent is about
--   actor_id    the account that recorded it; capacity: self | guardian | proxy (a coordinator)
--   decided_by  whose decision it records: the person, or their guardian
CREATE TABLE consents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_id TEXT NOT NULL REFERENCES users (id),
  actor_id TEXT NOT NULL REFERENCES users (id),
  capacity TEXT NOT NULL CHECK (capacity IN ('self', 'guardian', 'proxy')),
  decided_by TEXT NOT NULL CHECK (decided_by IN ('person', 'guardian')),
  purpose TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('web', 'phone', 'in_person', 'paper')),
  action TEXT NOT NULL CHECK (action IN ('granted', 'withdrawn')),
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX consents_subject ON consents (subject_id, purpose, id);
CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents
BEGIN
  SELECT RAISE(ABORT, 'consents are append-only');
END;
CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
BEGIN
  SELECT RAISE(ABORT, 'consents are append-only');
END;

-- Audit log: every read of another person's sensitive data and every act on someone's behalf.
-- Append-only; `detail` never holds personal data (only codes and ids).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  actor_id TEXT REFERENCES users (id),
  action TEXT NOT NULL,
  subject_id TEXT REFERENCES users (id),
  detail TEXT,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX audit_log_subject ON audit_log (subject_id, at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Outgoing messages. Delivered by SMTP when configured; otherwise read on the outbox page.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT REFERENCES users (id),
  channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email')),
  recipient TEXT NOT NULL,
  kind TEXT NOT NULL,
  locale TEXT NOT NULL CHECK (locale IN ('ja', 'en', 'easy')),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  sent_at INTEGER,
  last_error TEXT
) STRICT;
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
CREATE INDEX outbox_user ON outbox (user_id);

-- Rate-limit counters (fixed windows), shared by every instance through the database.
-- `key` is a SHA-256 of the scope and subject (e-mail or IP), so no address is stored here.
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL
) STRICT;
