/**
 * Lighthouse (mobile, simulated throttling, the tool's defaults) on the P1/P2 pages of the running
 * bench server, with the system Chromium: Performance and Accessibility scores against quality.md
 * (P1: info pages Performance ≥ 98 and Accessibility 100; P2: the map page Performance ≥ 90), plus
 * LCP, TBT and CLS. Headless Chromium draws WebGL in software (SwiftShader), which makes the map
 * page's main-thread time far longer than on a phone with a GPU; the table says so.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The pages and the Performance bar each is held to. */
const PAGES: { path: string; bar: number }[] = [
  { path: '/', bar: 98 },
  { path: '/help/', bar: 98 },
  { path: '/windows/', bar: 98 },
  { path: '/topics/kaigo/', bar: 98 },
  { path: '/places', bar: 98 },
  { path: '/places/miyoshi-kominkan', bar: 98 },
  { path: '/opportunities', bar: 98 },
  { path: '/places/map', bar: 90 },
];

interface LighthouseReport {
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { displayValue?: string }>;
}

/** Run Lighthouse on each page; returns one table row per page (empty when no browser exists). */
export async function benchLighthouse(baseUrl: string): Promise<Record<string, string>[]> {
  const chrome = [process.env.CHROME_PATH, '/usr/bin/chromium'].find((file) => file && fs.existsSync(file));
  if (!chrome) {
    console.warn('Lighthouse: no Chromium (set CHROME_PATH); skipped.');
    return [];
  }
  const cli = path.join('node_modules', 'lighthouse', 'cli', 'index.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lighthouse-'));
  const rows: Record<string, string>[] = [];
  try {
    for (const page of PAGES) {
      const output = path.join(dir, 'report.json');
      const measure = () =>
        run(
          process.execPath,
          [
            cli,
            `${baseUrl}${page.path}`,
            '--only-categories=performance,accessibility',
            '--chrome-flags=--headless=new --no-sandbox',
            '--output=json',
            `--output-path=${output}`,
            '--quiet',
          ],
          { env: { ...process.env, CHROME_PATH: chrome }, maxBuffer: 64 * 1024 * 1024 },
        );
      // Lighthouse sometimes fails to record a trace on a busy machine (NO_NAVSTART): try again
      // once, then report the page as not measured rather than losing the whole benchmark.
      const failure = await measure()
        .catch(measure)
        .then(
          () => null,
          (error: unknown) => (error instanceof Error ? error.message.split('\n').slice(-2).join(' ') : 'failed'),
        );
      if (failure) {
        rows.push({ page: page.path, performance: '—', accessibility: '—', met: `not measured: ${failure}` });
        continue;
      }
      const report = JSON.parse(fs.readFileSync(output, 'utf8')) as LighthouseReport;
      const score = (id: string) => Math.round((report.categories[id]?.score ?? 0) * 100);
      const performance = score('performance');
      const accessibility = score('accessibility');
      rows.push({
        page: page.path,
        performance: String(performance),
        accessibility: String(accessibility),
        LCP: report.audits['largest-contentful-paint']?.displayValue ?? '?',
        TBT: report.audits['total-blocking-time']?.displayValue ?? '?',
        CLS: report.audits['cumulative-layout-shift']?.displayValue ?? '?',
        bar: `≥ ${page.bar} / 100`,
        met: performance >= page.bar && accessibility === 100 ? 'met' : 'NOT met',
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
