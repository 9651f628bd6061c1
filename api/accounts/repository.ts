/**
 * SQL for people and their roles.
 */
import type { AccountLocale, Role } from '../auth/roles.ts';
import type { Db } from '../db/client.ts';

/** A person as stored (without the password hash). */
export interface UserRecord {
  id: string;
  email: string | null;
  emailVerifiedAt: number | null;
  displayName: string;
  nameKana: string | null;
  phone: string | null;
  districtId: string | null;
  supportNeeds: string | null;
  locale: AccountLocale;
  status: 'active' | 'deleted';
  registeredBy: string | null;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

const USER_COLUMNS = `id, email, email_verified_at AS emailVerifiedAt, display_name AS displayName, name_kana AS nameKana,
  phone, district_id AS districtId, support_needs AS supportNeeds, locale, status, registered_by AS registeredBy,
  created_at AS createdAt, updated_at AS updatedAt, deleted_at AS deletedAt`;

/** A person by id. */
export function getUser(db: Db, id: string): UserRecord | undefined {
  return db.get<UserRecord>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, [id]);
}

/** An active person by (normalised) e-mail, with the password hash. */
export function findActiveUserByEmail(
  db: Db,
  email: string,
): (UserRecord & { passwordHash: string | null }) | undefined {
  return db.get<UserRecord & { passwordHash: string | null }>(
    `SELECT ${USER_COLUMNS}, password_hash AS passwordHash FROM users WHERE email = ? AND status = 'active'`,
    [email],
  );
}

/** The password hash of a person. */
export function getPasswordHash(db: Db, id: string): string | null {
  return db.get<{ hash: string | null }>('SELECT password_hash AS hash FROM users WHERE id = ?', [id])?.hash ?? null;
}

/** Insert a person. */
export function insertUser(
  db: Db,
  user: {
    id: string;
    email: string | null;
    passwordHash: string | null;
    displayName: string;
    nameKana?: string | null;
    phone?: string | null;
    districtId?: string | null;
    supportNeeds?: string | null;
    locale: AccountLocale;
    registeredBy?: string | null;
    emailVerifiedAt?: number | null;
  },
  now: number,
): void {
  db.run(
    `INSERT INTO users (id, email, email_verified_at, password_hash, display_name, name_kana, phone, district_id,
       support_needs, locale, registered_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      user.id,
      user.email,
      user.emailVerifiedAt ?? null,
      user.passwordHash,
      user.displayName,
      user.nameKana ?? null,
      user.phone ?? null,
      user.districtId ?? null,
      user.supportNeeds ?? null,
      user.locale,
      user.registeredBy ?? null,
      now,
      now,
    ],
  );
}

/** Give a person a role (no-op when they have it). */
export function grantRole(db: Db, userId: string, role: Role, grantedBy: string | null, now: number): boolean {
  return (
    db.run('INSERT OR IGNORE INTO user_roles (user_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?)', [
      userId,
      role,
      grantedBy,
      now,
    ]).changes > 0
  );
}

/** Take a role away. */
export function revokeRole(db: Db, userId: string, role: Role): boolean {
  return db.run('DELETE FROM user_roles WHERE user_id = ? AND role = ?', [userId, role]).changes > 0;
}

/** Update the fields a person may change. */
export function updateProfileFields(
  db: Db,
  userId: string,
  fields: Partial<Pick<UserRecord, 'displayName' | 'nameKana' | 'phone' | 'districtId' | 'supportNeeds' | 'locale'>>,
  now: number,
): void {
  const columns: Record<string, string> = {
    displayName: 'display_name',
    nameKana: 'name_kana',
    phone: 'phone',
    districtId: 'district_id',
    supportNeeds: 'support_needs',
    locale: 'locale',
  };
  const entries = Object.entries(fields).filter(([key, value]) => key in columns && value !== undefined);
  if (entries.length === 0) return;
  const assignments = entries.map(([key]) => `${columns[key]} = ?`).join(', ');
  db.run(`UPDATE users SET ${assignments}, updated_at = ? WHERE id = ?`, [
    ...entries.map(([, value]) => value),
    now,
    userId,
  ]);
}

/** Whether a district id exists in the districts mirror. */
export function districtExists(db: Db, id: string): boolean {
  return db.get('SELECT 1 AS one FROM districts WHERE id = ?', [id]) !== undefined;
}
