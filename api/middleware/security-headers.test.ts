/**
 * The page CSP: scripts only from this origin, plus WebAssembly compilation for the static
 * search (pagefind) — never inline scripts or JavaScript eval. The configured map origins
 * (connect-src for style, tiles and glyphs; img-src for sprites) and nothing else; the offline
 * map needs no outside origin at all.
 */
import { describe, expect, it } from 'vitest';
import { GSI_ORIGINS, loadConfig } from '../config.ts';
import { apiSecurityHeaders, contentSecurityPolicy } from './security-headers.ts';

const config = loadConfig({ NODE_ENV: 'test', PUBLIC_ORIGIN: 'https://sasaeai.example.jp' });

function directive(csp: string, name: string): string[] {
  const found = csp
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([key]) => key === name);
  return found?.slice(1) ?? [];
}

describe('page Content-Security-Policy', () => {
  const csp = contentSecurityPolicy(config);

  it("allows WebAssembly for the site search with 'wasm-unsafe-eval'", () => {
    expect(directive(csp, 'script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });

  it('never allows inline scripts, inline styles or JavaScript eval', () => {
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(directive(csp, 'style-src')).toEqual(["'self'"]);
    expect(directive(csp, 'object-src')).toEqual(["'none'"]);
    expect(directive(csp, 'base-uri')).toEqual(["'none'"]);
  });

  it('keeps WebAssembly out of API responses', () => {
    expect(apiSecurityHeaders()['Content-Security-Policy']).not.toContain('wasm');
  });
});

const directiveText = (csp: string, name: string) => csp.split('; ').find((part) => part.startsWith(`${name} `)) ?? '';

describe('map origins in the Content-Security-Policy', () => {
  it('allows the GSI style, glyph, sprite and tile origins by default in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://sasaeai.example.jp' });
    const csp = contentSecurityPolicy(config);
    for (const origin of GSI_ORIGINS) {
      expect(directiveText(csp, 'connect-src')).toContain(origin);
      expect(directiveText(csp, 'img-src')).toContain(origin);
    }
    expect(directiveText(csp, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('allows only the configured style origin plus MAP_ORIGINS', () => {
    const config = loadConfig({
      NODE_ENV: 'development',
      MAP_STYLE_URL: 'https://tiles.example.jp/styles/liberty',
      MAP_ORIGINS: 'https://cdn.example.jp',
    });
    expect(directiveText(contentSecurityPolicy(config), 'connect-src')).toBe(
      "connect-src 'self' https://tiles.example.jp https://cdn.example.jp",
    );
    expect(directiveText(contentSecurityPolicy(config), 'img-src')).toBe(
      "img-src 'self' data: blob: https://tiles.example.jp https://cdn.example.jp",
    );
  });

  it('allows no outside origin for the offline map (tests)', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config.map.styleUrl).toBeNull();
    expect(directiveText(contentSecurityPolicy(config), 'connect-src')).toBe("connect-src 'self'");
  });

  it('still accepts explicit origins from the caller', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(directiveText(contentSecurityPolicy(config, { mapOrigins: ['https://a.example'] }), 'connect-src')).toBe(
      "connect-src 'self' https://a.example",
    );
  });
});
