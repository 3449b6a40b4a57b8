import { z } from 'zod';

/**
 * The one validated configuration. Parsed once at start from an `env` object passed in
 * (never `process.env` directly), frozen, and handed to the composition root.
 * An empty string counts as unset, so `FOO=` in a .env file behaves like no `FOO` at all.
 */

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
  }
}

const optional = z.string().trim().optional();

/** Where incontact discovery starts when CXONE_AUTH_URL is unset: NICE's global auth host. */
export const DEFAULT_CXONE_AUTH_URL = 'https://cxone.niceincontact.com';
/**
 * The `vNN.0` of incontact service paths when CXONE_API_VERSION is unset. NICE's agent SDK calls most
 * agent endpoints at v23.0 and skills and state history at v27.0; one version serves them all here, on the
 * assumption (unconfirmed, see README) that a tenant keeps serving an endpoint at later versions.
 */
export const DEFAULT_CXONE_API_VERSION = 'v27.0';

export type CxoneDialect = 'v2' | 'incontact';
const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'expected Slack user ids like U012ABCDEF');

const intMs = (fallback: number, min: number, max: number) =>
  z.coerce
    .number()
    .int('must be a whole number of milliseconds')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

const envSchema = z.object({
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'must be an app-level token starting with xapp-')
    .optional(),
  SLACK_API_URL: z
    .url('must be a URL such as https://slack.com/api/')
    .default('https://slack.com/api/')
    .transform((u) => (u.endsWith('/') ? u : `${u}/`)),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  CXONE_BASE_URL: z
    .url('must be a URL such as https://api-us-02.niceincontact.com')
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  CXONE_CLIENT_ID: optional,
  CXONE_CLIENT_SECRET: optional,
  CXONE_DIALECT: z.enum(['v2', 'incontact'], 'must be v2 or incontact').optional(),
  CXONE_AUTH_URL: z
    .url('must be a URL such as https://cxone.niceincontact.com')
    .transform((u) => u.replace(/\/+$/, ''))
    .default(DEFAULT_CXONE_AUTH_URL),
  CXONE_ACCESS_KEY_ID: optional,
  CXONE_ACCESS_KEY_SECRET: optional,
  CXONE_API_VERSION: z
    .string()
    .trim()
    .regex(/^v\d{1,3}\.0$/, 'must look like v27.0')
    .default(DEFAULT_CXONE_API_VERSION),
  CXONE_IMPERSONATION: z.enum(['0', '1'], 'must be 1 (start sessions as the agent) or unset').optional(),
  CXONE_SIMULATOR: z.enum(['0', '1'], 'must be 1 (use the built-in simulator) or unset').optional(),
  CXONE_DEFAULT_SKILL_ID: z.guid('must be a skill id (UUID)').optional(),
  CXONE_DEFAULT_ACTIVITY: z.string().trim().min(1).default('Available'),
  SUPERVISOR_USER_IDS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(slackUserId)),
  SUPERVISOR_USERGROUP_ID: z
    .string()
    .regex(/^S[A-Z0-9]{2,}$/, 'expected a Slack user group id like S012ABCDEF')
    .optional(),
  AUDIT_CHANNEL_ID: z
    .string()
    .regex(/^[CG][A-Z0-9]{2,}$/, 'expected a Slack channel id like C012ABCDEF')
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:<path> or postgres://…')
    .default('sqlite:./data/agentstate.db'),
  VERIFY_TIMEOUT_MS: intMs(15_000, 1_000, 600_000),
  WATCH_INTERVAL_MS: intMs(15_000, 1_000, 3_600_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = Record<string, string | undefined>;

/** Every variable the app reads (the README and .env.example document each one). */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape) as ReadonlyArray<keyof typeof envSchema.shape>;

export interface Config {
  readonly slack: {
    readonly botToken: string | undefined;
    readonly signingSecret: string | undefined;
    readonly appToken: string | undefined;
    readonly apiUrl: string;
    readonly port: number;
    readonly socketMode: boolean;
  };
  readonly cxone: {
    readonly dialect: CxoneDialect;
    readonly simulator: boolean;
    readonly baseUrl: string | undefined;
    readonly clientId: string | undefined;
    readonly clientSecret: string | undefined;
    readonly defaultSkillId: string | undefined;
    readonly defaultActivity: string;
    /** incontact only. */
    readonly authUrl: string;
    readonly accessKeyId: string | undefined;
    readonly accessKeySecret: string | undefined;
    readonly apiVersion: string;
    readonly impersonation: boolean;
  };
  readonly supervisors: { readonly userIds: readonly string[]; readonly usergroupId: string | undefined };
  readonly auditChannelId: string | undefined;
  readonly databaseUrl: string;
  readonly verifyTimeoutMs: number;
  readonly watchIntervalMs: number;
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
}

/** Parses the environment. Throws a ConfigError naming the first invalid variable. */
export function loadConfig(env: Env): Config {
  const cleaned: Env = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v.trim() !== '') cleaned[key] = v;
  }
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const e = parsed.data;
  const simulator = e.CXONE_SIMULATOR === '1';
  const dialect: CxoneDialect = e.CXONE_DIALECT ?? (e.CXONE_ACCESS_KEY_ID ? 'incontact' : 'v2');
  if (!simulator) {
    const required =
      dialect === 'v2'
        ? (['CXONE_BASE_URL', 'CXONE_CLIENT_ID', 'CXONE_CLIENT_SECRET'] as const)
        : ([
            'CXONE_ACCESS_KEY_ID',
            'CXONE_ACCESS_KEY_SECRET',
            'CXONE_CLIENT_ID',
            'CXONE_CLIENT_SECRET',
          ] as const);
    for (const name of required) {
      if (!e[name])
        throw new ConfigError(
          name,
          `is required for the ${dialect} dialect (or set CXONE_SIMULATOR=1 to use the built-in simulator)`,
        );
    }
  }
  return deepFreeze({
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      port: e.PORT,
      socketMode: Boolean(e.SLACK_APP_TOKEN),
    },
    cxone: {
      dialect,
      simulator,
      baseUrl: e.CXONE_BASE_URL,
      clientId: e.CXONE_CLIENT_ID,
      clientSecret: e.CXONE_CLIENT_SECRET,
      defaultSkillId: e.CXONE_DEFAULT_SKILL_ID,
      defaultActivity: e.CXONE_DEFAULT_ACTIVITY,
      authUrl: e.CXONE_AUTH_URL,
      accessKeyId: e.CXONE_ACCESS_KEY_ID,
      accessKeySecret: e.CXONE_ACCESS_KEY_SECRET,
      apiVersion: e.CXONE_API_VERSION,
      impersonation: e.CXONE_IMPERSONATION === '1',
    },
    supervisors: { userIds: e.SUPERVISOR_USER_IDS, usergroupId: e.SUPERVISOR_USERGROUP_ID },
    auditChannelId: e.AUDIT_CHANNEL_ID,
    databaseUrl: e.DATABASE_URL,
    verifyTimeoutMs: e.VERIFY_TIMEOUT_MS,
    watchIntervalMs: e.WATCH_INTERVAL_MS,
    logLevel: e.LOG_LEVEL,
  });
}

/** `serve` needs Slack credentials that the CLI does not: check them only there. */
export function assertServeConfig(config: Config): void {
  if (!config.slack.botToken) throw new ConfigError('SLACK_BOT_TOKEN', 'is required to serve the Slack app');
  if (!config.slack.socketMode && !config.slack.signingSecret) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET',
      'is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
}
