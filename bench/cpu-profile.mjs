// Owns BENCH_PROFILE=1: preloaded into the app (NODE_OPTIONS=--import), writes a V8 CPU profile on exit.
// (--cpu-prof itself is not allowed in NODE_OPTIONS.)
import { writeFileSync, mkdirSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.BENCH_PROFILE_DIR ?? '.bench/profile';
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');

// The main-thread inspector session answers synchronously, so this works inside 'exit'.
process.on('exit', () => {
  session.post('Profiler.stop', (err, result) => {
    if (err) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `app-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
