import { startSimulator } from '../../src/simulator';

/** Runs the simulator in its own process so it does not share an event loop with what is measured. */
const opts = JSON.parse(process.argv[2] ?? '{}');
startSimulator({ port: 0, ...opts }).then((sim) => {
  process.send?.({ url: sim.url, demo: sim.demo });
  process.on('disconnect', () => sim.close().then(() => process.exit(0)));
});
