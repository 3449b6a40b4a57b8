import { createLogger } from '../../src/logger';
import { startDev } from '../../src/main';
import type { DevStack } from '../../src/sandbox';
import type { AnyRunningSimulator } from '../../src/simulator';

/**
 * `agentstate dev` prints its banner, then the app's log on the same terminal (warnings and up). A member's
 * typo is answered on the page; it is not the operator's problem, so it never reaches that terminal as a
 * warning with a stack trace.
 */
describe.each(['v2', 'incontact'] as const)(
  'agentstate dev --dialect %s: when a member mistypes',
  (dialect) => {
    let stack: DevStack<AnyRunningSimulator>;
    const logged: string[] = [];

    beforeAll(async () => {
      // The same level and shape as the dev command's own logger.
      const logger = createLogger({
        level: 'warn',
        destination: { write: (line: string) => logged.push(line) },
      });
      stack = await startDev({}, { port: 0, logger, dialect });
    });
    afterAll(() => stack.close());

    /** Types a command on the page and waits for the app's reply (logged before it is sent). */
    async function type(text: string): Promise<string> {
      const replies = () =>
        stack.workspace.visibleTo('U0SUPERVISOR').filter((m) => m.user === 'U0AGENTSTATE');
      const before = replies().length;
      const res = await fetch(`${stack.url}/ui/message`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'U0SUPERVISOR', channel: 'C0SUPERVISORS', text }),
      });
      expect(res.status).toBe(200);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const reply = replies()[before];
        if (reply) return JSON.stringify(reply);
        if (Date.now() > deadline) throw new Error(`no reply to ${text}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    it('then the page explains it and the terminal gets no warning and no stack', async () => {
      if (dialect === 'v2') {
        expect(await type('/agentstate 1234-abcd')).toContain('not a valid UUID');
        expect(await type('/agentstate login ines.olsen@example.com nonexistent')).toContain('nonexistent');
      } else {
        expect(await type('/agentstate unavailable 1001 nap')).toContain('nap');
      }

      expect(logged.join('')).not.toMatch(/stack|command failed/);
    });
  },
);
