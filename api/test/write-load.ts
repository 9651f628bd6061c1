/**
 * Test helper process: writes rows into a file database as fast as it can, one small
 * transaction each (like sign-ups), until killed. Used by the backup and crash tests.
 * Usage: node --import tsx api/test/write-load.ts <db file>
 */
import { openDatabase } from '../db/client.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: write-load.ts <db file>');
const db = openDatabase({ url: `file:${file}`, authToken: undefined, syncUrl: undefined });
db.exec('CREATE TABLE IF NOT EXISTS load (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
let written = 0;
for (;;) {
  db.transaction(() => {
    db.run('INSERT INTO load (payload) VALUES (?)', [`row ${written}`]);
  });
  written++;
  if (written === 1) process.stdout.write('ready\n');
  // Report acknowledged writes now and then, so a crash test knows what must survive.
  if (written % 100 === 0) process.stdout.write(`acknowledged ${written}\n`);
}
