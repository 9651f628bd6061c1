/**
 * Nu HTML Checker (vnu-jar) for on-demand pages saved by browser tests: they are not in the build,
 * so `npm run test:html` cannot see them. Returns the error messages (empty when valid).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Path of the checker's jar (the vnu-jar package exports it and ships no types). */
const vnu = createRequire(import.meta.url)('vnu-jar') as string;

/** Check HTML documents (name → markup); returns "name:line: message" for each error. */
export function checkHtml(documents: Record<string, string>): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vnu-'));
  try {
    const files = Object.entries(documents).map(([name, html]) => {
      const file = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, '_')}.html`);
      fs.writeFileSync(file, html);
      return file;
    });
    // The checker writes its JSON report to stderr (also when there are no errors).
    const run = spawnSync('java', ['-jar', vnu, '--errors-only', '--format', 'json', ...files], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    // No Java, or no report, means nothing was checked: fail, never pass silently.
    if (run.error) {
      throw new Error('The Nu HTML Checker needs Java: install a JRE (apt-get install default-jre-headless).', {
        cause: run.error,
      });
    }
    const output = `${run.stdout}${run.stderr}`;
    if (!output.includes('"messages"')) throw new Error(`The Nu HTML Checker gave no report:\n${output}`);
    const json = output.slice(output.indexOf('{'));
    const messages =
      (JSON.parse(json) as { messages?: { type: string; url: string; lastLine?: number; message: string }[] })
        .messages ?? [];
    return messages
      .filter((message) => message.type === 'error')
      .map(
        (message) => `${path.basename(new URL(message.url).pathname)}:${message.lastLine ?? '?'}: ${message.message}`,
      );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
