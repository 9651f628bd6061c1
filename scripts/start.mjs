/**
 * `npm start`: build the site when the build is missing or stale, then run the one-process
 * server (site + API + embedded database with demo data) from api/server.ts.
 */
import { execFileSync } from 'node:child_process';
import { register } from 'tsx/esm/api';
import { isBuildFresh } from './build-state.mjs';

if (!isBuildFresh()) {
  console.log('Building the site (first start or changed sources)…');
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
register();
const { main } = await import('../api/server.ts');
await main();
