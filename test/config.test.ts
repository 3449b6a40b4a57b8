import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assertServeConfig, CONFIG_VARIABLES, ConfigError, loadConfig, loadServeConfig } from '../src/config';

const cxone = {
  CXONE_BASE_URL: 'https://api.example.com/',
  CXONE_CLIENT_ID: 'id',
  CXONE_CLIENT_SECRET: 'secret',
};

function configError(env: Record<string, string>, load: typeof loadConfig = loadConfig): ConfigError {
  try {
    load(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('when only the CXone credentials are set, then every other variable takes its documented default', () => {
    const c = loadConfig(cxone);

    expect(c.cxone.baseUrl).toBe('https://api.example.com');
    expect(c.slack).toMatchObject({ apiUrl: 'https://slack.com/api/', port: 3000, socketMode: false });
    expect(c.cxone.defaultActivity).toBe('Available');
    expect(c.supervisors.userIds).toEqual([]);
    expect(c).toMatchObject({
      databaseUrl: 'sqlite:./data/agentstate.db',
      verifyTimeoutMs: 15000,
      watchIntervalMs: 15000,
      logLevel: 'info',
    });
  });

  it('when a variable is an empty string, then it counts as unset', () => {
    const c = loadConfig({ ...cxone, PORT: '', LOG_LEVEL: '  ', SUPERVISOR_USER_IDS: '' });

    expect(c.slack.port).toBe(3000);
    expect(c.logLevel).toBe('info');
  });

  it('when CXone credentials are missing, then the error names the variable and the simulator alternative', () => {
    const err = configError({ CXONE_BASE_URL: 'https://api.example.com' });

    expect(err.variable).toBe('CXONE_CLIENT_ID');
    expect(err.message).toMatch(/CXONE_SIMULATOR=1/);
  });

  it('when several variables are invalid or missing, then one error lists every problem, invalid values first', () => {
    const err = configError({ VERIFY_TIMEOUT_MS: 'abc', LOG_LEVEL: 'loud', CXONE_CLIENT_ID: 'id' });

    expect(err.problems.map((p) => p.variable)).toEqual([
      'VERIFY_TIMEOUT_MS',
      'LOG_LEVEL',
      'CXONE_BASE_URL',
      'CXONE_CLIENT_SECRET',
    ]);
    expect(err.variable).toBe('VERIFY_TIMEOUT_MS');
    expect(err.message.split('\n')).toEqual([
      'VERIFY_TIMEOUT_MS: must be a whole number of milliseconds',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
      'CXONE_BASE_URL: is required for the v2 dialect',
      'CXONE_CLIENT_SECRET: is required for the v2 dialect',
      'Or set CXONE_SIMULATOR=1 to use the built-in CXone simulator instead.',
    ]);
  });

  it('when nothing is set for the incontact dialect, then all four credentials are named', () => {
    const err = configError({ CXONE_DIALECT: 'incontact' });

    expect(err.problems.map((p) => p.variable)).toEqual([
      'CXONE_ACCESS_KEY_ID',
      'CXONE_ACCESS_KEY_SECRET',
      'CXONE_CLIENT_ID',
      'CXONE_CLIENT_SECRET',
    ]);
  });

  it('when a variable is set to an invalid value, then it is listed as invalid and not also as missing', () => {
    const err = configError({ ...cxone, CXONE_BASE_URL: 'not a url' });

    expect(err.problems).toEqual([{ variable: 'CXONE_BASE_URL', detail: expect.stringMatching(/URL/) }]);
  });

  it.each([
    ['CXONE_DIALECT', 'genesys'],
    ['CXONE_SIMULATOR', 'yes'],
  ])('when %s is %p, then no credentials are asked for a dialect nobody chose', (name, value) => {
    expect(configError({ [name]: value }).problems.map((p) => p.variable)).toEqual([name]);
  });

  it.each([
    ['VERIFY_TIMEOUT_MS', 'abc', 'must be a whole number of milliseconds'],
    ['VERIFY_TIMEOUT_MS', '1.5', 'must be a whole number of milliseconds'],
    ['WATCH_INTERVAL_MS', 'soon', 'must be a whole number of milliseconds'],
    ['PORT', 'eighty', 'must be a port number from 0 to 65535'],
    ['PORT', '70000', 'must be a port number from 0 to 65535'],
  ])('when %s is %p, then the message says what is expected in words', (name, value, words) => {
    const err = configError({ ...cxone, [name]: value });

    expect(err.message).toBe(`${name}: ${words}`);
  });

  it('when the simulator is asked for, then no CXone credentials are needed', () => {
    expect(loadConfig({ CXONE_SIMULATOR: '1' }).cxone.simulator).toBe(true);
  });

  it.each([
    ['PORT', 'eighty'],
    ['VERIFY_TIMEOUT_MS', '10'],
    ['LOG_LEVEL', 'loud'],
    ['SUPERVISOR_USER_IDS', 'U123ABC, not-a-user'],
    ['SUPERVISOR_USERGROUP_ID', 'U123'],
    ['AUDIT_CHANNEL_ID', '#general'],
    ['DATABASE_URL', 'mysql://x'],
    ['CXONE_DEFAULT_SKILL_ID', 'sales'],
    ['CXONE_BASE_URL', 'not a url'],
    ['SLACK_APP_TOKEN', 'xoxb-wrong-kind'],
    ['CXONE_SIMULATOR', 'yes'],
  ])('when %s is %p, then loading fails naming that variable', (name, value) => {
    expect(configError({ ...cxone, [name]: value }).variable).toBe(name);
  });

  it('when supervisors are listed with spaces, then the ids are trimmed', () => {
    expect(loadConfig({ ...cxone, SUPERVISOR_USER_IDS: ' U0AAA1, U0BBB2 ' }).supervisors.userIds).toEqual([
      'U0AAA1',
      'U0BBB2',
    ]);
  });

  it('when the config is loaded, then it cannot be changed afterwards', () => {
    const c = loadConfig(cxone);

    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.slack)).toBe(true);
  });

  it('when an app token is set, then Socket Mode is on and no signing secret is needed to serve', () => {
    const c = loadConfig({ ...cxone, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });

    expect(c.slack.socketMode).toBe(true);
    expect(() => assertServeConfig(c)).not.toThrow();
  });

  it('when serving in HTTP mode without a signing secret, then it says which variable is missing', () => {
    const c = loadConfig({ ...cxone, SLACK_BOT_TOKEN: 'xoxb-1' });

    expect(() => assertServeConfig(c)).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => assertServeConfig(loadConfig(cxone))).toThrow(/SLACK_BOT_TOKEN/);
  });

  it('when serving in HTTP mode with no Slack variables at all, then both missing ones are named at once', () => {
    let err: unknown;
    try {
      assertServeConfig(loadConfig(cxone));
    } catch (e) {
      err = e;
    }

    expect((err as ConfigError).problems.map((p) => p.variable)).toEqual([
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
    ]);
  });

  it('when serve starts with nothing set, then the CXone and the Slack variables are named in one error', () => {
    const err = configError({ LOG_LEVEL: 'loud' }, loadServeConfig);

    expect(err.problems.map((p) => p.variable)).toEqual([
      'LOG_LEVEL',
      'CXONE_BASE_URL',
      'CXONE_CLIENT_ID',
      'CXONE_CLIENT_SECRET',
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
    ]);
    expect(err.message).toMatch(/CXONE_SIMULATOR=1/);
  });

  it('when serve is configured, then loadServeConfig returns the config', () => {
    expect(
      loadServeConfig({ ...cxone, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack.socketMode,
    ).toBe(true);
  });
});

describe('documentation of the configuration', () => {
  const root = path.join(__dirname, '..');
  it.each(['README.md', '.env.example'])(
    'when reading %s, then every configuration variable is documented',
    (file) => {
      const text = readFileSync(path.join(root, file), 'utf8');

      const missing = CONFIG_VARIABLES.filter((name) => !text.includes(name));

      expect(missing).toEqual([]);
    },
  );
});
