import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assertServeConfig, CONFIG_VARIABLES, ConfigError, loadConfig } from '../src/config';

const cxone = {
  CXONE_BASE_URL: 'https://api.example.com/',
  CXONE_CLIENT_ID: 'id',
  CXONE_CLIENT_SECRET: 'secret',
};

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
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
