import nock from 'nock';
import { createLogger } from '../../src/logger';
import {
  AGENT_ID,
  api,
  BASE_URL,
  CLIENT_SECRET,
  caught,
  makeClient,
  TOKEN,
  TOKEN_2,
  tokenBody,
  tokenScope,
} from './helpers/fixtures';
import { useNock } from './helpers/nock-lifecycle';

useNock();

const path = `/api/v2/agents/${AGENT_ID}/states`;
const secrets = [CLIENT_SECRET, TOKEN, TOKEN_2, 'Bearer '];

describe('debug logging', () => {
  it('records method, endpoint template, status, duration and request id of each exchange', async () => {
    tokenScope();
    api().get(path).reply(200, { states: [] }, { 'x-request-id': 'req-42' });
    const { client, logs } = makeClient();

    await client.getAgentStates(AGENT_ID);

    const record = logs.records().find((r) => r.endpoint === 'GET /api/v2/agents/{agentId}/states');
    expect(record).toMatchObject({ level: 20, method: 'GET', status: 200, requestId: 'req-42' });
    expect(typeof record.durationMs).toBe('number');
  });

  it('never writes the client secret or a token, through refreshes, failures and retries', async () => {
    nock(BASE_URL)
      .post('/oauth/token')
      .reply(503, 'oops')
      .post('/oauth/token')
      .reply(200, tokenBody(TOKEN))
      .post('/oauth/token')
      .reply(200, tokenBody(TOKEN_2));
    api(TOKEN)
      .get(path)
      .reply(401, { error: 'invalid_token', message: `token ${TOKEN} revoked` });
    api(TOKEN_2)
      .get(path)
      .reply(500)
      .get(path)
      .replyWithError('socket hang up')
      .get(path)
      .reply(200, { states: [] });
    api(TOKEN_2)
      .post(path)
      .reply(409, { error: 'conflict', message: 'already logged in' }, { 'x-request-id': 'req-409' });
    const { client, logs } = makeClient();

    await client.getAgentStates(AGENT_ID);
    const error = await caught(
      client.loginAgent(AGENT_ID, {
        skillId: AGENT_ID,
        stateId: AGENT_ID,
        activityId: AGENT_ID,
      }),
    );
    // What the application does with a failure: log it under `err`.
    const appLines: string[] = [];
    const appLogger = createLogger({
      level: 'debug',
      destination: { write: (line: string) => appLines.push(line) },
    });
    appLogger.error({ err: error }, 'login failed');

    const text = logs.text() + appLines.join('');
    expect(text).toContain('req-409');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('an unreachable token endpoint produces an error that carries no credentials', async () => {
    nock(BASE_URL).post('/oauth/token').times(4).replyWithError('connect ECONNREFUSED');
    const { client, logs } = makeClient();

    const error = await caught(client.tokenInfo());

    const serialized = JSON.stringify(error) + String((error as Error).stack) + logs.text();
    expect(serialized).not.toContain(CLIENT_SECRET);
    expect(Object.keys(error as object)).not.toContain('config');
    expect(Object.keys(error as object)).not.toContain('request');
  });
});
