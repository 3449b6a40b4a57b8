import { fork } from 'node:child_process';
import path from 'node:path';
import type {
  IncontactCredentials,
  IncontactSimulatorOptions,
  SimulatorOptions,
  StartSimulatorOptions,
} from '../../src/simulator';

export interface SimProcess<Demo = { clientId: string; clientSecret: string }> {
  url: string;
  /** v2: the OAuth client; incontact: the application's client credentials and the API user's access key. */
  demo: Demo;
  stop(): Promise<void>;
}

/** The v2 dialect (the default), or the incontact one with its demo access key. */
export function startSimProcess(opts?: SimulatorOptions & { dialect?: 'v2' }): Promise<SimProcess>;
export function startSimProcess(
  opts: IncontactSimulatorOptions & { dialect: 'incontact' },
): Promise<SimProcess<IncontactCredentials>>;
export function startSimProcess(opts: StartSimulatorOptions = {}): Promise<SimProcess<unknown>> {
  const child = fork(path.join(__dirname, 'sim-child.js'), [JSON.stringify(opts)], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m: { url: string; demo: unknown }) =>
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
