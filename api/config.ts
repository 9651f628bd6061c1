/**
 * Configuration: the environment parsed once with zod.
 * Every other module receives a `Config` object; nothing else reads `process.env`.
 */
import path from 'node:path';
import { z } from 'zod';

/** Where the project lives (npm scripts run from there): relative paths are resolved against it. */
export const projectRoot = process.cwd();

const databaseUrl = z
  .string()
  .trim()
  .min(1)
  .refine(
    (value) => /^(file:|:memory:$|libsql:\/\/|https?:\/\/|wss?:\/\/)/.test(value),
    'a file:… path, :memory:, or a libsql://, https:// or wss:// URL of a libSQL server',
  );

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4321),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PUBLIC_ORIGIN: z
    .url({ protocol: /^https?$/ })
    .refine((value) => new URL(value).pathname === '/', 'an origin without a path, e.g. https://sasaeai.example.jp')
    .optional(),
  DATABASE_URL: databaseUrl.default('file:data/sasaeai.db'),
  DATABASE_AUTH_TOKEN: z.string().trim().min(1).optional(),
  DATABASE_SYNC_URL: z
    .string()
    .trim()
    .regex(/^(libsql:\/\/|https?:\/\/|wss?:\/\/)/, 'a libsql://, https:// or wss:// URL')
    .optional(),
  SEED_DEMO_DATA: booleanFlag.optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(100_000),
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().trim().min(3).default('ささえあい日田 <no-reply@localhost>'),
  LOG_REQUESTS: booleanFlag.default(false),
  MAP_STYLE_URL: z.union([z.literal('offline'), z.url({ protocol: /^https$/ })]).optional(),
  MAP_ORIGINS: z
    .string()
    .trim()
    .regex(/^https:\/\/[^\s,/]+(,https:\/\/[^\s,/]+)*$/, 'comma-separated https origins')
    .optional(),
  TRUST_PROXY: booleanFlag.default(false),
  ARGON2_MEMORY_KIB: z.coerce.number().int().min(8).max(4_194_304).default(19_456),
  ARGON2_TIME_COST: z.coerce.number().int().min(1).max(20).default(2),
  ARGON2_PARALLELISM: z.coerce.number().int().min(1).max(16).default(1),
});

/** The production basemap: 国土地理院 最適化ベクトルタイル (標準地図風), tiles served as PMTiles. */
export const GSI_STYLE_URL = 'https://gsi-cyberjapan.github.io/optimal_bvmap/style/std.json';
/** Origins the GSI style loads from: the style, glyphs and sprite (GitHub Pages) and the tiles. */
export const GSI_ORIGINS = ['https://gsi-cyberjapan.github.io', 'https://cyberjapandata.gsi.go.jp'] as const;

/** The parsed configuration shared by the server, the API and the scripts. */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** The origin users see (scheme://host:port); used for CSRF checks and absolute links. */
  publicOrigin: string;
  /** Extra origins accepted by the CSRF check (localhost aliases in development). */
  trustedOrigins: string[];
  database: {
    /** `file:` path (absolute), `:memory:`, or a libSQL server URL. */
    url: string;
    authToken: string | undefined;
    /** Set when the local file is an embedded replica of a libSQL server. */
    syncUrl: string | undefined;
  };
  seedDemoData: boolean;
  bodyLimitBytes: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  logRequests: boolean;
  /**
   * The map's basemap: `styleUrl` null = the offline style built from the boundary, districts and
   * places (tests; also the fallback when tiles fail). `origins` are allowed in the CSP.
   */
  map: { styleUrl: string | null; origins: string[] };
  /** Cookies get `Secure` and the `__Host-` prefix when the public origin is https or in production. */
  secureCookies: boolean;
  /** Take the client IP (for rate limits) from `X-Forwarded-For` set by a trusted reverse proxy. */
  trustProxy: boolean;
  /** argon2id cost (OWASP: 19 MiB, 2 passes, 1 lane); cheaper only in tests. */
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
}

/** OWASP Password Storage Cheat Sheet: the weakest acceptable argon2id settings are m=7 MiB with t=5 … m=46 MiB with t=1. */
export function meetsOwaspArgon2(argon2: Config['argon2']): boolean {
  return argon2.memoryCost >= 7168 && argon2.memoryCost * argon2.timeCost >= 35_840;
}

/** A configuration problem, with the variable at fault and what was expected. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`Configuration error: ${variable} must be ${expected}.`);
    this.name = 'ConfigError';
  }
}

/**
 * Parse the environment into a `Config`.
 * @throws ConfigError naming the first variable that is missing or malformed.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.keys(environmentSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(variable, describeIssue(issue?.message ?? 'valid'));
  }
  const value = parsed.data;
  if (value.DATABASE_SYNC_URL && !value.DATABASE_URL.startsWith('file:')) {
    throw new ConfigError('DATABASE_SYNC_URL', 'used only with a file: DATABASE_URL (the embedded replica)');
  }
  const remote = !value.DATABASE_URL.startsWith('file:') && value.DATABASE_URL !== ':memory:';
  if ((remote || value.DATABASE_SYNC_URL) && !value.DATABASE_AUTH_TOKEN && value.NODE_ENV === 'production') {
    throw new ConfigError(
      'DATABASE_AUTH_TOKEN',
      'set when DATABASE_URL or DATABASE_SYNC_URL points to a libSQL server',
    );
  }
  if (value.NODE_ENV === 'production' && value.SEED_DEMO_DATA === true) {
    throw new ConfigError(
      'SEED_DEMO_DATA',
      'not true in production: the demo accounts have a published password (ASVS 6.3.2)',
    );
  }
  if (value.NODE_ENV === 'production' && !value.PUBLIC_ORIGIN) {
    throw new ConfigError(
      'PUBLIC_ORIGIN',
      'set in production to the address users see, e.g. https://sasaeai.example.jp',
    );
  }
  const argon2 = {
    memoryCost: value.ARGON2_MEMORY_KIB,
    timeCost: value.ARGON2_TIME_COST,
    parallelism: value.ARGON2_PARALLELISM,
  };
  if (value.NODE_ENV === 'production' && !meetsOwaspArgon2(argon2)) {
    throw new ConfigError(
      'ARGON2_MEMORY_KIB',
      'at least the OWASP minimum in production (e.g. 19456 with ARGON2_TIME_COST=2)',
    );
  }
  const publicOrigin = new URL(value.PUBLIC_ORIGIN ?? `http://localhost:${value.PORT}`).origin;
  const trustedOrigins =
    value.NODE_ENV === 'production'
      ? []
      : [`http://localhost:${value.PORT}`, `http://127.0.0.1:${value.PORT}`].filter((o) => o !== publicOrigin);
  return {
    env: value.NODE_ENV,
    port: value.PORT,
    host: value.HOST,
    publicOrigin,
    trustedOrigins,
    database: {
      url: value.DATABASE_URL.startsWith('file:')
        ? `file:${path.resolve(projectRoot, value.DATABASE_URL.slice('file:'.length))}`
        : value.DATABASE_URL,
      authToken: value.DATABASE_AUTH_TOKEN,
      syncUrl: value.DATABASE_SYNC_URL,
    },
    seedDemoData: value.SEED_DEMO_DATA ?? value.NODE_ENV !== 'production',
    bodyLimitBytes: value.BODY_LIMIT_BYTES,
    smtpUrl: value.SMTP_URL,
    mailFrom: value.MAIL_FROM,
    logRequests: value.LOG_REQUESTS,
    map: mapConfig(value.MAP_STYLE_URL, value.MAP_ORIGINS, value.NODE_ENV),
    secureCookies: value.NODE_ENV === 'production' || publicOrigin.startsWith('https:'),
    trustProxy: value.TRUST_PROXY,
    argon2,
  };
}

/** The basemap: GSI by default (offline in tests), or the configured style and its origins. */
function mapConfig(styleUrl: string | undefined, extraOrigins: string | undefined, env: string): Config['map'] {
  const extra = extraOrigins ? extraOrigins.split(',').map((origin) => new URL(origin).origin) : [];
  const chosen = styleUrl ?? (env === 'test' ? 'offline' : GSI_STYLE_URL);
  if (chosen === 'offline') return { styleUrl: null, origins: [...new Set(extra)] };
  const origins = chosen === GSI_STYLE_URL ? [...GSI_ORIGINS] : [new URL(chosen).origin];
  return { styleUrl: chosen, origins: [...new Set([...origins, ...extra])] };
}

function describeIssue(message: string): string {
  // zod messages read "Invalid input: expected number, received NaN"; keep them short and lower-case.
  return message.replace(/^Invalid input: /, '').replace(/^Invalid /, 'a valid ');
}

/** Cheap argon2id settings so the test suite stays fast (never used outside tests). */
export const TEST_ARGON2 = { memoryCost: 256, timeCost: 1, parallelism: 1 } as const;

/** A configuration for tests: in-memory DB, no demo data, fixed origin, cheap password hashing. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: ':memory:', PUBLIC_ORIGIN: 'http://localhost:4321' }),
    argon2: { ...TEST_ARGON2 },
    ...overrides,
  };
}
