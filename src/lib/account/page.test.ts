/**
 * Form errors of the no-JavaScript account pages: a rate-limited form is re-rendered with 429,
 * a message saying when to try again, and `Retry-After` (as the API does).
 */
import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../../api/middleware/rate-limit.ts';
import { ServiceError } from '../../../api/lib/service-error.ts';
import { applyFormStatus, formErrors } from './page.ts';

const t = (key: string, values?: Record<string, unknown>) => `${key}${values ? JSON.stringify(values) : ''}`;

describe('form errors', () => {
  it('re-renders a rate-limited form with 429, the minutes to wait and Retry-After', () => {
    const errors = formErrors(new RateLimitedError(600), t);
    expect(errors).toMatchObject({ status: 429, retryAfterSeconds: 600 });
    expect(errors.form).toBe('accounts.error.rate_limited{"minutes":10}');
    const astro = { response: { status: 200, headers: new Headers() } };
    applyFormStatus(astro as never, errors);
    expect(astro.response.status).toBe(429);
    expect(astro.response.headers.get('retry-after')).toBe('600');
  });

  it('sends no Retry-After with other errors', () => {
    const errors = formErrors(new ServiceError(400, 'invalid_request', 'x', { email: 'required' }), t);
    const astro = { response: { status: 200, headers: new Headers() } };
    applyFormStatus(astro as never, errors);
    expect(astro.response.status).toBe(400);
    expect(astro.response.headers.has('retry-after')).toBe(false);
  });
});
