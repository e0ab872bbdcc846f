import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as src from '../../src';

// The package's entry point is lib/index.js bundled by scripts/bundle-lib.ts after jsii's compile
// (`npx projen build` compiles before it tests). These tests hold that bundle to the source.
const root = path.join(__dirname, '..', '..');
const bundle = path.join(root, 'lib', 'index.js');
const missing = 'lib/index.js is missing: run `npx projen compile && npx projen post-compile` (or `npx projen build`) first';

function bundleText(): string {
  if (!fs.existsSync(bundle)) throw new Error(missing);
  return fs.readFileSync(bundle, 'utf8');
}

test('lib/index.js is one bundle: it requires packages only, never a module of its own', () => {
  const required = [...bundleText().matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
  expect(required.filter((r) => r.startsWith('.'))).toEqual([]);
  expect(new Set(required)).toEqual(new Set(['cdk8s', 'cdk8s-plus-28', 'constructs', 'crypto', 'fs', 'net', 'util']));
});

test('the bundle exports what the source exports and synthesizes the same manifests and alerts', () => {
  bundleText();
  // In its own process: the bundle and the source each hook cdk8s' synth, and must not meet.
  const run = spawnSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(path.join(__dirname, 'bundle-app.js'))})(require(${JSON.stringify(bundle)})));
    process.stderr.write(JSON.stringify(Object.keys(require(${JSON.stringify(bundle)})).sort()));`], { cwd: root, encoding: 'utf8' });
  expect(run.status).toBe(0);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fromSource: string = require('./bundle-app.js')(src);
  expect(fromSource).toContain('kind: PrometheusRule');
  expect(run.stdout).toEqual(fromSource);
  // (ts-jest compiles each file alone, so the source's type-only re-exports show up here as undefined values.)
  const values = Object.keys(src).filter((k) => (src as Record<string, unknown>)[k] !== undefined).sort();
  expect(JSON.parse(run.stderr.slice(run.stderr.lastIndexOf('[')))).toEqual(values);
});
