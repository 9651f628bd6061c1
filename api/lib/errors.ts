/**
 * API errors: one JSON shape, `{ error: { code, message, details? } }`, for every failure.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A field-level problem, for forms that show the message next to the field. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `email` or `shifts.0.capacity`. */
  field: string;
  message: string;
}

/** The body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: FieldIssue[] };
}

/** An error a handler throws to answer with a specific status and code. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Build the error body. */
export function errorBody(code: string, message: string, details?: FieldIssue[]): ErrorBody {
  return { error: details && details.length > 0 ? { code, message, details } : { code, message } };
}

/** Answer with an error (JSON, never cached). */
export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details?: FieldIssue[],
): Response {
  c.header('Cache-Control', 'no-store');
  return c.json(errorBody(code, message, details), status);
}
