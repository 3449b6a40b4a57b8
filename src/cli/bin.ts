#!/usr/bin/env node
import { main } from '../main';

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`agentstate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
