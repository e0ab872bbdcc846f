import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KubernetesVersion, Severity } from '../../src';
import { FLEET_CHECKS, FleetCheck, runLint } from '../../src/cli/lint-command';

const fixtures = path.join(__dirname, '..', 'validation', 'fixtures');

describe('whole-input (fleet) checks run after per-object linting', () => {
  const seen: string[] = [];
  const check: FleetCheck = (objects) => {
    seen.push(...objects.map((o) => `${path.basename(o.file)}:${o.line} ${o.manifest.kind}/${o.manifest.metadata.name}`));
    const first = objects[0];
    const pos = first.locate('metadata.name');
    const finding = { ruleId: 'fleet-test', severity: Severity.ERROR, path: 'metadata.name', message: `${objects.length} objects seen`, fix: 'none' };
    return [{ ...finding, file: first.file, line: pos.line, column: pos.column, kind: first.manifest.kind, name: first.manifest.metadata.name }];
  };
  beforeAll(() => FLEET_CHECKS.push(check));
  afterAll(() => FLEET_CHECKS.splice(FLEET_CHECKS.indexOf(check), 1));

  test('a check sees every Job and CronJob of every file at once, and its findings are reported', () => {
    let out = '';
    const code = runLint([path.join(fixtures, 'clean.yaml'), path.join(fixtures, 'hanging-job.yaml')],
      { format: 'json', targetVersion: KubernetesVersion.DEFAULT, minSeverity: Severity.INFO }, (s) => { out += s; }, () => undefined);
    expect(seen).toEqual(['clean.yaml:9 CronJob/nightly-report', 'hanging-job.yaml:2 Job/import-orders']);
    expect(JSON.parse(out).findings.find((f: any) => f.ruleId === 'fleet-test')).toMatchObject({ message: '2 objects seen', line: 12, column: 3 });
    expect(code).toBe(1);
  });
});

test('text output: two lines a finding, even when a manifest\'s names hold line breaks', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lint-lines-')), 'job.yaml');
  fs.writeFileSync(file, [
    'apiVersion: batch/v1', 'kind: Job', 'metadata: { name: "bad\\nname" }', 'spec:', '  template:', '    spec:',
    '      restartPolicy: Never', '      containers: [{ name: "main\\nx", image: "a:1" }]', '',
  ].join('\n'));
  let out = '';
  runLint([file], { format: 'text', targetVersion: KubernetesVersion.DEFAULT, minSeverity: Severity.INFO }, (s) => { out += s; }, () => undefined);
  const lines = out.trimEnd().split('\n');
  const findings = lines.filter((l) => l.startsWith(file));
  expect(findings.length).toBeGreaterThan(0);
  // Every finding line is followed by its fix line; the summary is last.
  expect(lines).toHaveLength(findings.length * 2 + 1);
  expect(lines.filter((l) => l.startsWith('    fix: '))).toHaveLength(findings.length);
  expect(out).toContain('bad\\nname');
});
