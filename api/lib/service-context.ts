/**
 * What a feature service needs to do its work, built by a JSON route (from Hono's context) or by an
 * on-demand page (from the runtime and Astro's request), so both run the same code.
 */
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';

/** The request-independent and request-specific inputs of a service call. */
export interface ServiceContext {
  db: Db;
  config: Config;
  /** Current time, unix seconds. */
  now: number;
  /** Normalised client address, for per-IP rate limits only. */
  clientIp: string;
  /** The User-Agent header, for the coarse device label of a new session. */
  userAgent: string | null;
}
