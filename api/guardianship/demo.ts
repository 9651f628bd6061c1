/**
 * Demo guardianship (demo data only): the demo resident 日田 和子 (resident@demo.example.jp) is
 * recorded by the demo coordinator as the family guardian of 「（デモ）大山 トメ」, confirmed in
 * person, so signing in as her shows the guardian's view on My page.
 */
import type { Db } from '../db/client.ts';
import { recordAudit } from '../privacy/audit.ts';
import { insertGuardianship } from './repository.ts';
import { japanDate } from './service.ts';

/** Load the demo guardianship (a demo seeder; runs after the demo accounts). */
export function seedDemoGuardianships(db: Db): void {
  const now = Math.floor(Date.now() / 1000);
  const row = {
    id: 'demoguardianship000000000',
    residentId: 'demoproxyresident00000000',
    guardianId: 'demoresident0000000000000',
    kind: 'family',
    basis: 'in_person',
    startsOn: japanDate(now - 30 * 86_400),
    recordedBy: 'democoordinator0000000000',
    recordedAt: now,
  } as const;
  insertGuardianship(db, row);
  recordAudit(
    db,
    {
      actorId: row.recordedBy,
      action: 'guardianship.granted',
      subjectId: row.residentId,
      detail: `${row.id}:${row.kind}:${row.basis}`,
    },
    now,
  );
}
