/**
 * Synthesizes every runnable example app: examples/<name>/main.ts -> dist/examples/<name>/*.k8s.yaml.
 * Each example is run in its own process, exactly as `cdk8s synth` would run it, with CDK8S_OUTDIR set.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runReport } from '../src/cli/report-command';
import { DEFAULT_PILE_UP_THRESHOLD } from '../src/report';

const root = path.resolve(__dirname, '..');
const examplesDir = path.join(root, 'examples');
const names = fs.readdirSync(examplesDir)
  .filter((name) => fs.existsSync(path.join(examplesDir, name, 'main.ts')))
  .sort();

let failed = 0;
for (const name of names) {
  const outdir = path.join(root, 'dist', 'examples', name);
  fs.rmSync(outdir, { recursive: true, force: true });
  // resolve-self maps the examples' `import ... from 'cdk8s-batch'` to this repository's source.
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', path.join(root, 'scripts', 'resolve-self.ts'), path.join(examplesDir, name, 'main.ts')], {
    cwd: path.join(examplesDir, name),
    env: { ...process.env, CDK8S_OUTDIR: outdir, TS_NODE_PROJECT: path.join(root, 'test', 'tsconfig.json') },
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed++;
    console.error(`✗ examples/${name}: synth failed (exit ${result.status})`);
    continue;
  }
  const files = fs.existsSync(outdir) ? fs.readdirSync(outdir) : [];
  console.log(`✓ examples/${name} -> ${path.relative(root, outdir)}/ (${files.join(', ')})`);
}
if (names.length === 0) {
  console.error('no examples found under examples/');
  process.exit(1);
}

// The fleet report of everything the examples synthesized: what `cdk8s-batch report dist/examples` writes.
const examplesOut = path.join(root, 'dist', 'examples');
for (const [format, file] of [['html', 'fleet-report.html'], ['markdown', 'fleet-report.md']] as const) {
  const output = path.join(root, 'dist', file);
  const code = runReport([examplesOut], { format, days: 7, zone: 'UTC', pileUpThreshold: DEFAULT_PILE_UP_THRESHOLD, output },
    (s) => process.stdout.write(s), (s) => process.stderr.write(s));
  if (code !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
