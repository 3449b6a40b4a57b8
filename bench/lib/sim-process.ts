import { fork } from 'node:child_process';
import path from 'node:path';
import type { SimulatorOptions } from '../../src/simulator';

export interface SimProcess {
  url: string;
  demo: { clientId: string; clientSecret: string };
  stop(): Promise<void>;
}

export function startSimProcess(opts: SimulatorOptions = {}): Promise<SimProcess> {
  const child = fork(path.join(__dirname, 'sim-child.js'), [JSON.stringify(opts)], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m: { url: string; demo: SimProcess['demo'] }) =>
      resolve({
        ...m,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.disconnect();
          }),
      }),
    );
  });
}
