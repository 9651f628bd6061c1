/**
 * /api/notifications/outbox — the outbox, for admins and coordinators (audited).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentAuth, noStore, requireRole, serviceContext } from '../auth/middleware.ts';
import { createRouter } from '../lib/openapi.ts';
import { personalErrorResponses, SESSION_SECURITY } from '../lib/responses.ts';
import { readOutbox } from './service.ts';

const outboxRoute = createRoute({
  method: 'get',
  path: '/outbox',
  tags: ['notifications'],
  summary: 'Messages in the outbox (admins and coordinators; the read is audited)',
  security: SESSION_SECURITY,
  middleware: [requireRole('admin', 'coordinator')] as const,
  responses: {
    200: {
      description: 'Newest first',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(
              z.object({
                id: z.number().int(),
                recipient: z.string(),
                kind: z.string(),
                locale: z.enum(['ja', 'en', 'easy']),
                subject: z.string(),
                body: z.string(),
                masked: z.boolean(),
                createdAt: z.number().int(),
                attempts: z.number().int(),
                sentAt: z.number().int().nullable(),
                lastError: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    ...personalErrorResponses,
  },
});

/** Routes under /api/notifications. */
export const notificationRoutes = createRouter();
notificationRoutes.use(noStore());
notificationRoutes.openapi(outboxRoute, (c) => {
  const items = readOutbox(serviceContext(c), currentAuth(c)).map(
    ({ id, recipient, kind, locale, subject, body, masked, createdAt, attempts, sentAt, lastError }) => ({
      id,
      recipient,
      kind,
      locale,
      subject,
      body,
      masked,
      createdAt,
      attempts,
      sentAt,
      lastError,
    }),
  );
  return c.json({ items }, 200);
});
