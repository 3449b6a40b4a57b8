#!/usr/bin/env node
import { main } from '../main';
import { terminalSafe } from './io';

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`agentstate: ${terminalSafe(err instanceof Error ? err.message : String(err))}\n`);
    process.exitCode = 1;
  },
);
