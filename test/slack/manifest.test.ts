import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The manifest is YAML; these checks read it as text (no YAML parser among the dependencies). */
const manifest = readFileSync(join(__dirname, '../../manifest.yml'), 'utf8');

describe('manifest.yml', () => {
  it('declares /agentstate with a usage hint and Slack-escaped mentions', () => {
    expect(manifest).toMatch(/- command: \/agentstate\n/);
    expect(manifest).toMatch(
      /usage_hint: ".*<agent>.*diagnose.*history.*login.*logout.*available.*unavailable <agent> \[reason\].*floor.*skills.*watch <agent> \[#channel\].*unwatch.*watching.*audit \[agent\].*help"/,
    );
    expect(manifest).toContain('should_escape: true');
  });

  it('asks for exactly the bot scopes the app uses', () => {
    const scopes = [...manifest.matchAll(/^ {6}- ([a-z.:]+)$/gm)].map((m) => m[1]);
    expect(scopes).toEqual([
      'commands',
      'chat:write',
      'chat:write.public',
      'users:read',
      'users:read.email',
      'usergroups:read',
    ]);
  });

  it("shows the app's direct messages (asking an agent to log in) in a read-only Messages tab", () => {
    expect(manifest).toContain('messages_tab_enabled: true');
    expect(manifest).toContain('messages_tab_read_only_enabled: true');
  });

  it('subscribes to app_home_opened for the App Home tab and asks for no history scope', () => {
    expect(manifest).toMatch(/bot_events:\n(?:\s+#.*\n)*\s+- app_home_opened/);
    expect(manifest).not.toMatch(/^ {6}- [a-z]+:history$/m);
  });

  it('points commands, interactivity, options and events at /slack/events in HTTP mode', () => {
    expect(manifest.match(/https:\/\/YOUR-HOST\/slack\/events/g)).toHaveLength(4);
    expect(manifest).toContain('socket_mode_enabled: false');
    expect(manifest).toContain('SLACK_APP_TOKEN');
  });
});
