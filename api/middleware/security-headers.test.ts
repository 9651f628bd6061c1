/**
 * The page CSP: scripts only from this origin, plus WebAssembly compilation for the static
 * search (pagefind) — never inline scripts or JavaScript eval.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
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
