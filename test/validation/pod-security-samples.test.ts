import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'yaml';
import { podSecurityFindings } from '../../src/validation/pod-security';

// Kubernetes' own Pod Security Admission fixtures, wrapped as Jobs/CronJobs: a sample of the full set (see the README there).
const DIR = path.join(__dirname, 'pod-security-cases');
const samples = fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

function load(file: string) {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const m = /^# pss: (baseline|restricted) v1\.(\d+) (pass|fail) (\S+)/.exec(text);
  if (!m) throw new Error(`${file}: no "# pss:" header`);
  const manifest = yaml.parse(text);
  const template = manifest.kind === 'CronJob' ? manifest.spec.jobTemplate.spec.template : manifest.spec.template;
  return { level: m[1] as 'baseline' | 'restricted', minor: Number(m[2]), expected: m[3], template };
}

describe('Pod Security Admission fixtures (sample)', () => {
  test('the sample is there', () => expect(samples.length).toBeGreaterThan(100));

  test.each(samples)('%s', (file) => {
    const { level, minor, expected, template } = load(file);
    const findings = podSecurityFindings(template, level, minor);
    if (expected === 'pass') expect(findings).toEqual([]);
    else expect(findings.length).toBeGreaterThan(0);
  });
});
