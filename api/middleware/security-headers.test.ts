/**
 * The CSP allows the configured map origins (connect-src for style, tiles and glyphs; img-src for
 * sprites) and nothing else; the offline map needs no outside origin at all.
 */
import { describe, expect, it } from 'vitest';
import { GSI_ORIGINS, loadConfig } from '../config.ts';
import { contentSecurityPolicy } from './security-headers.ts';

const directive = (csp: string, name: string) => csp.split('; ').find((part) => part.startsWith(`${name} `)) ?? '';

describe('map origins in the Content-Security-Policy', () => {
  it('allows the GSI style, glyph, sprite and tile origins by default in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://sasaeai.example.jp' });
    const csp = contentSecurityPolicy(config);
    for (const origin of GSI_ORIGINS) {
      expect(directive(csp, 'connect-src')).toContain(origin);
      expect(directive(csp, 'img-src')).toContain(origin);
    }
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('allows only the configured style origin plus MAP_ORIGINS', () => {
    const config = loadConfig({
      NODE_ENV: 'development',
      MAP_STYLE_URL: 'https://tiles.example.jp/styles/liberty',
      MAP_ORIGINS: 'https://cdn.example.jp',
    });
    expect(directive(contentSecurityPolicy(config), 'connect-src')).toBe(
      "connect-src 'self' https://tiles.example.jp https://cdn.example.jp",
    );
    expect(directive(contentSecurityPolicy(config), 'img-src')).toBe(
      "img-src 'self' data: blob: https://tiles.example.jp https://cdn.example.jp",
    );
  });

  it('allows no outside origin for the offline map (tests)', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config.map.styleUrl).toBeNull();
    expect(directive(contentSecurityPolicy(config), 'connect-src')).toBe("connect-src 'self'");
  });

  it('still accepts explicit origins from the caller', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(directive(contentSecurityPolicy(config, { mapOrigins: ['https://a.example'] }), 'connect-src')).toBe(
      "connect-src 'self' https://a.example",
    );
  });
});
