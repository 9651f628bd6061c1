/**
 * zod schemas of the guardianship endpoints (requests and responses), shared by the coordinator's
 * routes (record / end a guardian) and the guardian's own routes (/api/guardian).
 */
import { z } from '@hono/zod-openapi';
import { ConsentOverviewSchema } from '../accounts/routes.ts';
import { PURPOSES } from '../privacy/purposes.ts';
import { GUARDIAN_BASES, GUARDIAN_KINDS } from './repository.ts';

/** Record a guardian (coordinator). */
export const GuardianshipRequestSchema = z
  .object({
    guardianEmail: z.string().max(320).openapi({ description: 'E-mail address of the guardian’s own account' }),
    kind: z.enum(GUARDIAN_KINDS).openapi({ description: 'family, legal_guardian (成年後見人) or supporter' }),
    basis: z.enum(GUARDIAN_BASES).openapi({ description: 'How the coordinator confirmed it' }),
    startsOn: z.string().max(10).openapi({ description: 'Start date in Japan, YYYY-MM-DD', example: '2026-04-01' }),
  })
  .openapi('GuardianshipRequest');

/** One guardianship. */
export const GuardianshipSchema = z
  .object({
    id: z.string(),
    residentId: z.string(),
    guardianId: z.string(),
    kind: z.enum(GUARDIAN_KINDS),
    basis: z.enum(GUARDIAN_BASES),
    startsOn: z.string(),
    recordedBy: z.string(),
    recordedAt: z.number().int(),
    endedAt: z.number().int().nullable(),
    endedBy: z.string().nullable(),
  })
  .openapi('Guardianship');

/** A resident's guardianships as their coordinator sees them. */
export const GuardianshipListSchema = z
  .object({
    items: z.array(
      GuardianshipSchema.extend({
        guardianName: z.string(),
        guardianEmail: z.string().nullable(),
        recordedByName: z.string(),
        endedByName: z.string().nullable(),
        state: z.enum(['active', 'scheduled', 'ended']),
      }),
    ),
  })
  .openapi('GuardianshipList');

/** The people I am guardian of. */
export const WardListSchema = z
  .object({
    items: z.array(
      z.object({
        guardianshipId: z.string(),
        residentId: z.string(),
        displayName: z.string(),
        kind: z.enum(GUARDIAN_KINDS),
        startsOn: z.string(),
      }),
    ),
  })
  .openapi('WardList');

/** A person's record as their guardian sees it. */
export const WardRecordSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    nameKana: z.string().nullable(),
    phone: z.string().nullable(),
    districtId: z.string().nullable(),
    supportNeeds: z.string().nullable(),
    guardianship: z.object({
      id: z.string(),
      kind: z.enum(GUARDIAN_KINDS),
      basis: z.enum(GUARDIAN_BASES),
      startsOn: z.string(),
    }),
    consents: ConsentOverviewSchema,
  })
  .openapi('WardRecord');

/** A consent decision a guardian records. */
export const GuardianConsentSchema = z
  .object({ purpose: z.enum(PURPOSES), action: z.enum(['granted', 'withdrawn']) })
  .openapi('GuardianConsent');
