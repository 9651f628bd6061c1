import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives working defaults for a fresh clone', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4321);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicOrigin).toBe('http://localhost:4321');
    expect(config.database.url).toMatch(/^file:\/.*data\/sasaeai\.db$/);
    expect(config.seedDemoData).toBe(true);
    expect(config.secureCookies).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
    [{ DATABASE_SYNC_URL: 'ftp://x' }, 'DATABASE_SYNC_URL'],
    [{ DATABASE_URL: 'libsql://db.example.turso.io', DATABASE_SYNC_URL: 'libsql://x' }, 'DATABASE_SYNC_URL'],
    [{ NODE_ENV: 'production' }, 'PUBLIC_ORIGIN'],
    [{ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://a.jp', SEED_DEMO_DATA: 'true' }, 'SEED_DEMO_DATA'],
    [{ PUBLIC_ORIGIN: 'https://example.jp/path' }, 'PUBLIC_ORIGIN'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ MAP_STYLE_URL: 'http://tiles.example.jp/style.json' }, 'MAP_STYLE_URL'],
    [{ MAP_STYLE_URL: 'tiles' }, 'MAP_STYLE_URL'],
    [{ MAP_ORIGINS: 'https://a.example/path' }, 'MAP_ORIGINS'],
    [
      { NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://a.jp', DATABASE_URL: 'libsql://db.example.turso.io' },
      'DATABASE_AUTH_TOKEN',
    ],
  ])('rejects %o naming %s in one line', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(new RegExp(`^Configuration error: ${variable} must be .+\\.$`));
    expect((error as ConfigError).message).not.toContain('\n');
  });

  it('uses the GSI vector basemap by default, the offline map in tests, or MAP_STYLE_URL', () => {
    expect(loadConfig({}).map.styleUrl).toBe('https://gsi-cyberjapan.github.io/optimal_bvmap/style/std.json');
    expect(loadConfig({ NODE_ENV: 'test' }).map).toEqual({ styleUrl: null, origins: [] });
    expect(loadConfig({ MAP_STYLE_URL: 'offline' }).map.styleUrl).toBeNull();
    expect(loadConfig({ MAP_STYLE_URL: 'https://tiles.example.jp/s.json' }).map).toEqual({
      styleUrl: 'https://tiles.example.jp/s.json',
      origins: ['https://tiles.example.jp'],
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(4321);
  });

  it('makes cookies secure and drops localhost aliases in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://sasaeai.example.jp' });
    expect(config.secureCookies).toBe(true);
    expect(config.trustedOrigins).toEqual([]);
    expect(config.seedDemoData).toBe(false);
  });

  it('accepts a libSQL server with a token and an embedded replica', () => {
    const remote = loadConfig({ DATABASE_URL: 'libsql://db.example.turso.io', DATABASE_AUTH_TOKEN: 't' });
    expect(remote.database).toEqual({ url: 'libsql://db.example.turso.io', authToken: 't', syncUrl: undefined });
    const replica = loadConfig({ DATABASE_SYNC_URL: 'libsql://db.example.turso.io', DATABASE_AUTH_TOKEN: 't' });
    expect(replica.database.syncUrl).toBe('libsql://db.example.turso.io');
    expect(replica.database.url.startsWith('file:')).toBe(true);
  });
});
