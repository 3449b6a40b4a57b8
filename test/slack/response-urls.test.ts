import { responseUrlPolicy } from '../../src/slack/response-urls';

describe('responseUrlPolicy', () => {
  it('with Slack’s own Web API, accepts only https on Slack’s response-URL hosts', () => {
    const policy = responseUrlPolicy('https://slack.com/api/');
    const verdicts = Object.fromEntries(
      [
        'https://hooks.slack.com/commands/T0001/1234/abcd',
        'https://hooks.slack-gov.com/actions/T0001/1234/abcd',
        'http://hooks.slack.com/commands/T0001/1234/abcd',
        'https://hooks.slack.com:8443/commands/T0001/1234/abcd',
        'https://hooks.slack.com.evil.example/commands/x',
        'https://user:pw@hooks.slack.com/commands/x',
        'https://slack.com/api/chat.postMessage',
        'http://127.0.0.1:3000/response/x',
        'http://169.254.169.254/latest/meta-data/',
        'not a url',
      ].map((url) => [url, policy.allows(url)]),
    );
    expect(verdicts).toEqual({
      'https://hooks.slack.com/commands/T0001/1234/abcd': true,
      'https://hooks.slack-gov.com/actions/T0001/1234/abcd': true,
      'http://hooks.slack.com/commands/T0001/1234/abcd': false,
      'https://hooks.slack.com:8443/commands/T0001/1234/abcd': false,
      'https://hooks.slack.com.evil.example/commands/x': false,
      'https://user:pw@hooks.slack.com/commands/x': false,
      'https://slack.com/api/chat.postMessage': false,
      'http://127.0.0.1:3000/response/x': false,
      'http://169.254.169.254/latest/meta-data/': false,
      'not a url': false,
    });
  });

  it('with SLACK_API_URL pointing elsewhere (sandbox, tests), also accepts that origin and no other', () => {
    const policy = responseUrlPolicy('http://127.0.0.1:4000/api/');
    expect(policy.allows('http://127.0.0.1:4000/response/R1')).toBe(true);
    expect(policy.allows('https://hooks.slack.com/commands/T0001/1/x')).toBe(true);
    expect(policy.allows('http://127.0.0.1:4001/response/R1')).toBe(false);
    expect(policy.allows('https://127.0.0.1:4000/response/R1')).toBe(false);
    expect(policy.allows('http://localhost:4000/response/R1')).toBe(false);
  });
});
