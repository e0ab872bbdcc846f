/**
 * Runs every bench/*.bench.ts in its own process, one after the other, so that their
 * timings and memory do not disturb each other. Each prints its own side-by-side table.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const benchDir = __dirname;
// `bench/run.ts synth` or BENCH_ONLY=synth (projen does not pass arguments on to the task).
const only = [...process.argv.slice(2), ...(process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : [])];
const benches = fs.readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', path.join(benchDir, file)], {
    env: { ...process.env, TS_NODE_PROJECT: path.join(benchDir, '..', 'test', 'tsconfig.json') },
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
