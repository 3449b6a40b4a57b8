/**
 * `npm run bench`: runs every benchmark, one after another so they do not disturb each other, and writes
 * their output to bench/RESULTS.md with the machine, the date and the command that produced it.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BENCHES = ['cxone', 'floor', 'slack', 'watch'];

function main() {
  const root = path.join(__dirname, '..', '..');
  const sections: string[] = [];
  let failed = false;
  for (const name of BENCHES) {
    const script = path.join(__dirname, `${name}.js`);
    console.log(`\n>>> bench:${name}`);
    const started = Date.now();
    const run = spawnSync(process.execPath, [script], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    process.stdout.write(run.stdout ?? '');
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (run.status !== 0) failed = true;
    sections.push(
      `## bench:${name}\n\nCommand: \`npm run bench:${name}\` — took ${seconds} s${run.status === 0 ? '' : ` — **exited with ${run.status}**`}\n\n${(run.stdout ?? '').trim()}\n`,
    );
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const header = [
    '# Benchmark results',
    '',
    `Produced by \`npm run bench\` on ${new Date().toISOString()}.`,
    `Machine: ${cpu} × ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}.`,
    'Each benchmark runs the simulator (and, for Slack, `agentstate serve`) in separate processes on this machine;',
    'compare the ratios within one run rather than absolute times across machines.',
    '',
  ].join('\n');
  writeFileSync(path.join(root, 'bench', 'RESULTS.md'), `${header}\n${sections.join('\n')}`);
  console.log('\nwrote bench/RESULTS.md');
  if (failed) process.exitCode = 1;
}

main();
