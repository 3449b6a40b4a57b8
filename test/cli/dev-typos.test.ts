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

    async function type(text: string, answer: string): Promise<string> {
      const res = await fetch(`${stack.url}/ui/message`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'U0SUPERVISOR', channel: 'C0SUPERVISORS', text }),
      });
      expect(res.status).toBe(200);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const reply = stack.workspace
          .visibleTo('U0SUPERVISOR')
          .map((m) => JSON.stringify(m))
          .find((m) => m.includes(answer));
        if (reply) return reply;
        if (Date.now() > deadline) throw new Error(`no reply to ${text}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    it('then the page explains it and the terminal gets no warning and no stack', async () => {
      if (dialect === 'v2') {
        await type('/agentstate 1234-abcd', 'not a valid UUID');
        await type('/agentstate login ines.olsen@example.com nonexistent', 'not a known skill');
      } else {
        await type('/agentstate unavailable maria.garcia@example.com nap', 'is not a reason for this agent');
      }

      expect(logged.join('')).not.toMatch(/stack|command failed/);
    });
  },
);
