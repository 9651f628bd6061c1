/**
 * Request and response shapes of /api/auth (zod 4 via @hono/zod-openapi). Shapes and sizes only:
 * the meaning (valid e-mail, password rules) is checked by the service, so pages get the same checks.
 */
import { z } from '@hono/zod-openapi';
import { ACCOUNT_LOCALES, ROLES, SELF_SERVICE_ROLES } from './roles.ts';

const text = (max: number) => z.string().max(max);

export const SignUpBody = z
  .object({
    email: text(320),
    password: text(1024),
    displayName: text(200),
    locale: z.enum(ACCOUNT_LOCALES).default('ja'),
    roles: z.array(z.enum(SELF_SERVICE_ROLES)).max(4).default([]),
    acceptPolicy: z.boolean().openapi({ description: 'Agreement to the privacy policy (purpose "account")' }),
  })
  .openapi('SignUp');

export const SignInBody = z.object({ email: text(320), password: text(1024) }).openapi('SignIn');
export const EmailBody = z.object({ email: text(320) }).openapi('EmailOnly');
export const TokenBody = z.object({ token: text(200) }).openapi('TokenOnly');
export const ResetBody = z.object({ token: text(200), password: text(1024) }).openapi('PasswordReset');
export const ChangePasswordBody = z
  .object({ currentPassword: text(1024), newPassword: text(1024) })
  .openapi('PasswordChange');

export const AcceptedSchema = z.object({ status: z.literal('check_email'), message: z.string() }).openapi('Accepted');

export const SessionUserSchema = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    emailVerified: z.boolean(),
    displayName: z.string(),
    locale: z.enum(ACCOUNT_LOCALES),
    roles: z.array(z.enum(ROLES)),
  })
  .openapi('SessionUser');

export const SessionViewSchema = z
  .object({
    id: z.string(),
    current: z.boolean(),
    createdAt: z.number().int(),
    lastUsedAt: z.number().int(),
    device: z.string(),
  })
  .openapi('SessionView');

export const SessionIdParam = z.object({ id: z.string().max(100) });
