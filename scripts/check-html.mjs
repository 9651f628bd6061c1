/**
 * `npm run test:html`: the W3C Nu HTML Checker (vnu-jar, needs Java) over every built HTML file.
 * Fails on any error. Extra HTML files (e.g. on-demand pages saved by the browser tests) can be
 * checked by passing their paths.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vnu from 'vnu-jar';

function* htmlFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(full);
    else if (entry.name.endsWith('.html')) yield full;
  }
}

const root = path.join('dist', 'client');
if (!fs.existsSync(root)) {
  console.error('No built site in dist/client: run `npm run build` first.');
  process.exit(1);
}
const files = [...htmlFiles(root), ...process.argv.slice(2)];
let output;
try {
  output = execFileSync('java', ['-jar', vnu, '--errors-only', '--format', 'json', ...files], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
} catch (error) {
  if (error.code === 'ENOENT') {
    console.error('Java is needed for the Nu HTML Checker: install a JRE (apt-get install default-jre-headless).');
    process.exit(1);
  }
  output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
}
const json = output.slice(output.indexOf('{'));
const messages = json ? (JSON.parse(json).messages ?? []) : [];
const errors = messages.filter((message) => message.type === 'error' || message.subType === 'fatal');
for (const error of errors) {
  console.error(`${path.relative('.', new URL(error.url).pathname)}:${error.lastLine ?? '?'}: ${error.message}`);
}
console.log(`Nu HTML Checker: ${files.length} files, ${errors.length} errors.`);
process.exit(errors.length > 0 ? 1 : 0);
