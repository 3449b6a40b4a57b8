import { z } from 'zod';

/**
 * The one validated configuration. Parsed once at start from an `env` object passed in
 * (never `process.env` directly), frozen, and handed to the composition root.
 * An empty string counts as unset, so `FOO=` in a .env file behaves like no `FOO` at all.
 */

/** One thing wrong with the environment: the variable and what is wrong with it. */
export interface ConfigProblem {
  readonly variable: string;
  readonly detail: string;
}

/**
 * The configuration cannot be used. Carries every problem found at once, so a new user fixes them all in
 * one go; `variable` is the first one's (invalid values before missing ones), for callers that name one.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly variable: string;
  readonly problems: readonly ConfigProblem[];
  /** A sentence that applies to every problem (e.g. the simulator alternative to missing credentials). */
  readonly note: string | undefined;
  constructor(variable: string, detail: string);
  constructor(problems: readonly [ConfigProblem, ...ConfigProblem[]], note?: string);
  constructor(first: string | readonly [ConfigProblem, ...ConfigProblem[]], second?: string) {
    const problems = typeof first === 'string' ? [{ variable: first, detail: second ?? '' }] : [...first];
    const note = typeof first === 'string' ? undefined : second;
    const lines = problems.map((p) => `${p.variable}: ${p.detail}`);
    super([...lines, ...(note ? [note] : [])].join('\n'));
    this.problems = problems;
    this.variable = problems[0]!.variable;
    this.note = note;
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

/** A whole number; `abc` is refused in words (zod's own text would say "expected number, received NaN"). */
const wholeNumber = (what: string) => z.coerce.number(`must be ${what}`).int(`must be ${what}`);

const intMs = (fallback: number, min: number, max: number) =>
  wholeNumber('a whole number of milliseconds')
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
  PORT: wholeNumber('a port number from 0 to 65535')
    .min(0, 'must be a port number from 0 to 65535')
    .max(65535, 'must be a port number from 0 to 65535')
    .default(3000),
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
  LOG_LEVEL: z
    .enum(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'must be one of fatal, error, warn, info, debug, trace, silent',
    )
    .default('info'),
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

/**
 * Parses the environment. Throws one ConfigError listing every problem: each invalid value, then each
 * variable the chosen dialect requires that is missing.
 */
export function loadConfig(env: Env): Config {
  const cleaned: Env = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v.trim() !== '') cleaned[key] = v;
  }
  const parsed = envSchema.safeParse(cleaned);
  const problems: ConfigProblem[] = parsed.success ? [] : invalidValues(parsed.error.issues);
  const missing = missingVariables(cleaned, problems);
  throwIfAny([...problems, ...missing.problems], missing.note);
  // Not reached: a failed parse has at least one issue. Narrows `parsed` for what follows.
  if (!parsed.success) throw new ConfigError('environment', 'is invalid');
  const e = parsed.data;
  const simulator = e.CXONE_SIMULATOR === '1';
  const dialect: CxoneDialect = e.CXONE_DIALECT ?? (e.CXONE_ACCESS_KEY_ID ? 'incontact' : 'v2');
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

/** One problem per variable (a list such as SUPERVISOR_USER_IDS can fail once per entry), in schema order. */
function invalidValues(issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  const seen = new Map<string, ConfigProblem>();
  for (const issue of issues) {
    const variable = String(issue.path[0] ?? 'environment');
    if (!seen.has(variable)) seen.set(variable, { variable, detail: issue.message });
  }
  return [...seen.values()];
}

/** The dialect the environment asks for; undefined when CXONE_DIALECT itself is invalid. */
function dialectOf(env: Env): CxoneDialect | undefined {
  const asked = env.CXONE_DIALECT;
  if (asked === undefined) return env.CXONE_ACCESS_KEY_ID ? 'incontact' : 'v2';
  return asked === 'v2' || asked === 'incontact' ? asked : undefined;
}

const REQUIRED: Record<CxoneDialect, readonly string[]> = {
  v2: ['CXONE_BASE_URL', 'CXONE_CLIENT_ID', 'CXONE_CLIENT_SECRET'],
  incontact: ['CXONE_ACCESS_KEY_ID', 'CXONE_ACCESS_KEY_SECRET', 'CXONE_CLIENT_ID', 'CXONE_CLIENT_SECRET'],
};

/**
 * The credentials the chosen dialect needs and the environment lacks. Nothing is required when the
 * simulator is asked for, and nothing is guessed when CXONE_DIALECT or CXONE_SIMULATOR is itself invalid
 * (that problem is already listed). A variable set to an invalid value is listed as invalid, not missing.
 */
function missingVariables(
  env: Env,
  invalid: readonly ConfigProblem[],
): { problems: ConfigProblem[]; note?: string } {
  const dialect = dialectOf(env);
  const simulatorAsked = env.CXONE_SIMULATOR !== undefined && env.CXONE_SIMULATOR !== '0';
  if (!dialect || simulatorAsked) return { problems: [] };
  const problems = REQUIRED[dialect]
    .filter((name) => env[name] === undefined && !invalid.some((p) => p.variable === name))
    .map((variable) => ({ variable, detail: `is required for the ${dialect} dialect` }));
  return problems.length === 0
    ? { problems }
    : { problems, note: 'Or set CXONE_SIMULATOR=1 to use the built-in CXone simulator instead.' };
}

/** `serve` needs Slack credentials that the CLI does not: check them only there, reporting each missing one. */
export function assertServeConfig(config: Config): void {
  throwIfAny(slackProblems(config.slack));
}

/**
 * `loadConfig` and `assertServeConfig` in one: a `serve` started with nothing set names the CXone and the
 * Slack variables it needs in one message, rather than the Slack ones only on the next try.
 */
export function loadServeConfig(env: Env): Config {
  try {
    const config = loadConfig(env);
    assertServeConfig(config);
    return config;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const raw = (name: string) => (env[name]?.trim() ? env[name] : undefined);
    const slack = slackProblems({
      botToken: raw('SLACK_BOT_TOKEN'),
      signingSecret: raw('SLACK_SIGNING_SECRET'),
      socketMode: raw('SLACK_APP_TOKEN') !== undefined,
    }).filter((p) => !err.problems.some((q) => q.variable === p.variable));
    throwIfAny([...err.problems, ...slack], err.note);
    throw err;
  }
}

function throwIfAny(problems: readonly ConfigProblem[], note?: string): void {
  const [first, ...rest] = problems;
  if (first) throw new ConfigError([first, ...rest], note);
}

function slackProblems(slack: {
  botToken: string | undefined;
  signingSecret: string | undefined;
  socketMode: boolean;
}): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!slack.botToken)
    problems.push({ variable: 'SLACK_BOT_TOKEN', detail: 'is required to serve the Slack app' });
  if (!slack.socketMode && !slack.signingSecret) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      detail: 'is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    });
  }
  return problems;
}
