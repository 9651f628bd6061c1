/**
 * S4: argon2id with the configured (OWASP in production) cost, 8–128 characters, any characters,
 * no composition rules, the most common passwords refused.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig, meetsOwaspArgon2, ConfigError } from '../config.ts';
import { TEST_ARGON2 } from '../config.ts';
import { COMMON_PASSWORDS_TEXT } from './common-passwords.ts';
import { checkNewPassword, hashPassword, isCommonPassword, verifyAgainstDummy, verifyPassword } from './password.ts';

describe('password rules (S4)', () => {
  it('accepts 8 to 128 characters of any kind, counted as characters (not bytes)', () => {
    expect(checkNewPassword('a'.repeat(7) + 'z')).toBeNull();
    expect(checkNewPassword('ゆふいんのかぜ')).toBe('too_short'); // 7 characters
    expect(checkNewPassword('ゆふいんのかぜだ')).toBeNull(); // 8 characters, 24 bytes
    expect(checkNewPassword('🌸'.repeat(8))).toBeNull(); // astral characters count once
    expect(checkNewPassword('x'.repeat(128))).toBeNull();
    expect(checkNewPassword('x'.repeat(129))).toBe('too_long');
    expect(checkNewPassword('with spaces inside ok')).toBeNull();
  });

  it('has no composition rules: all lower-case letters or all digits are fine when not common', () => {
    expect(checkNewPassword('mikumagawa')).toBeNull();
    expect(checkNewPassword('90817263')).toBeNull();
  });

  it('refuses the most common passwords, ignoring case', () => {
    for (const common of ['password', 'PASSWORD', '12345678', 'iloveyou', 'qwertyuiop', 'sasaeaihita']) {
      expect(checkNewPassword(common), common).toBe('common');
    }
    const list = COMMON_PASSWORDS_TEXT.split('\n');
    expect(list.length).toBeGreaterThanOrEqual(10_000);
    expect(list.every((word) => word.length >= 8 && word === word.toLowerCase())).toBe(true);
    expect(isCommonPassword(list[list.length - 1]!)).toBe(true);
  });

  it('refuses the e-mail address or the name as the password', () => {
    expect(checkNewPassword('hanako.hita@example.jp', { email: 'hanako.hita@example.jp' })).toBe('personal');
    expect(checkNewPassword('hanako.hita', { email: 'hanako.hita@example.jp' })).toBe('personal');
    expect(checkNewPassword('日田 花子 さん です', { displayName: '日田 花子 さん です' })).toBe('personal');
  });
});

describe('password hashing (S4)', () => {
  it('uses argon2id with the configured cost and a random salt; verifies the right password only', async () => {
    const a = await hashPassword('tsukikuma no mori', TEST_ARGON2);
    const b = await hashPassword('tsukikuma no mori', TEST_ARGON2);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=256,t=1,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'tsukikuma no mori')).toBe(true);
    expect(await verifyPassword(a, 'tsukikuma no mor')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
    expect(await verifyAgainstDummy('whatever', TEST_ARGON2)).toBe(false);
  });

  it('treats the NFC and NFD forms of the same Japanese password as equal', async () => {
    const nfc = 'がっこうのぱすわーど';
    const stored = await hashPassword(nfc, TEST_ARGON2);
    expect(await verifyPassword(stored, nfc.normalize('NFD'))).toBe(true);
  });

  it('defaults to the OWASP parameters (19 MiB, 2 passes, 1 lane) and refuses weaker ones in production', async () => {
    const config = loadConfig({});
    expect(config.argon2).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(meetsOwaspArgon2(config.argon2)).toBe(true);
    expect(meetsOwaspArgon2(TEST_ARGON2)).toBe(false);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://a.jp', ARGON2_MEMORY_KIB: '4096' }),
    ).toThrow(ConfigError);
    expect(await hashPassword('x'.repeat(10), { ...config.argon2, memoryCost: 19_456 })).toMatch(/m=19456,t=2,p=1/);
  });
});
