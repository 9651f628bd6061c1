/**
 * `npm test`: every check of the project, in two lanes that run at the same time so both CI cores
 * are busy (quality.md P7: the suite in ≤ 10 min on 2 cores).
 *
 * - site lane: build → browser tests (its output is shown live); the browser tests are the
 *   longest step of all, so nothing else waits in this lane;
 * - code lane: format check → unit tests → Nu HTML Checker on the built pages → lint → typecheck
 *   (each step's output is shown when the step ends). The Nu check needs the built pages; lint
 *   and typecheck regenerate Astro's `.astro/` types, which the build also writes: so these wait
 *   until the build has finished.
 *
 * A failing step stops the rest of its lane; the other lane still runs to the end, so one run
 * reports every failure. Each step is an npm script, runnable on its own (`npm run lint`, …).
 */
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Run `npm run <script>`; resolves to its exit code. `live` streams the output, else it is buffered. */
function runScript(script, { live }) {
  const started = Date.now();
  console.log(`▶ ${script}`);
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], {
      stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0') },
    });
    const chunks = [];
    child.stdout?.on('data', (chunk) => chunks.push(chunk));
    child.stderr?.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (error) => {
      chunks.push(Buffer.from(`${error.message}\n`));
      resolve(1);
    });
    child.on('close', (code) => {
      if (chunks.length > 0) process.stdout.write(Buffer.concat(chunks));
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      console.log(`${code === 0 ? '✓' : '✗'} ${script} (${seconds} s)`);
      resolve(code ?? 1);
    });
  });
}

/**
 * Run steps in order; stops at the first failure. Returns the failed step, if any. A step is an
 * npm script, or a function that may return the name of a failed step to stop the lane.
 */
async function lane(steps, options) {
  for (const step of steps) {
    if (typeof step === 'function') {
      const failed = await step();
      if (failed) return failed;
      continue;
    }
    if ((await runScript(step, options)) !== 0) return step;
  }
  return undefined;
}

const started = Date.now();
let buildDone;
const buildFinished = new Promise((resolve) => (buildDone = resolve));

const [siteFailure, codeFailure] = await Promise.all([
  lane(['build'], { live: true }).then(async (failed) => {
    buildDone(failed);
    return failed ?? lane(['test:e2e'], { live: true });
  }),
  lane(
    [
      'format:check',
      'test:unit',
      // The Nu check reads the built pages: it runs when the build succeeded (a failed build is
      // reported by the site lane); lint and typecheck run either way.
      async () => ((await buildFinished) ? undefined : (await runScript('test:html', { live: false })) && 'test:html'),
      'lint',
      'typecheck',
    ],
    { live: false },
  ),
]);

const failures = [siteFailure, codeFailure].filter(Boolean);
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
if (failures.length > 0) {
  console.error(`\nnpm test FAILED in ${minutes} min: ${failures.join(', ')}.`);
  process.exit(1);
}
console.log(`\nnpm test passed in ${minutes} min.`);
