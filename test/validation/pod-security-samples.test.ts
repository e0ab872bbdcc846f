import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'yaml';
import { KubernetesVersion, lintManifest } from '../../src';
import { MAX_SUPPORTED_MINOR, MIN_SUPPORTED_MINOR } from '../../src/util/k8s-version';
import { podSecurityFindings, podSecurityFindingsByLevel } from '../../src/validation/pod-security';

// Kubernetes' own Pod Security Admission fixtures, wrapped as Jobs/CronJobs: a sample of the full set (see the README there).
const DIR = path.join(__dirname, 'pod-security-cases');
const samples = fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
// The whole set, regenerated from the fixture generators (see the README there).
const FIXTURES = path.join(__dirname, 'pod-security-fixtures');
const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')).sort();

function load(file: string, dir = DIR) {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const m = /^# pss: (baseline|restricted) v1\.(\d+) (pass|fail) (\S+)/.exec(text);
  if (!m) throw new Error(`${file}: no "# pss:" header`);
  const manifest = yaml.parse(text);
  const template = manifest.kind === 'CronJob' ? manifest.spec.jobTemplate.spec.template : manifest.spec.template;
  return { level: m[1] as 'baseline' | 'restricted', minor: Number(m[2]), expected: m[3], template, manifest };
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

describe('Pod Security Admission fixtures (the whole set, 1.28 to 1.37)', () => {
  test('the set is there', () => expect(fixtures.length).toBeGreaterThan(1300));

  test.each(fixtures)('%s', (file) => {
    const { level, minor, expected, template } = load(file, FIXTURES);
    const findings = podSecurityFindings(template, level, minor);
    if (expected === 'pass') expect(findings).toEqual([]);
    else expect(findings.length).toBeGreaterThan(0);
  });
});

describe('both levels in one run of the checks', () => {
  test.each(samples)('%s: the same findings as each level run alone', (file) => {
    const { minor, template } = load(file);
    const both = podSecurityFindingsByLevel(template, minor);
    expect(both.baseline).toEqual(podSecurityFindings(template, 'baseline', minor));
    expect(both.restricted).toEqual(podSecurityFindings(template, 'restricted', minor));
  });
});

// The same cases through the linter, for the target versions it accepts: the rules must agree too.
const lintable = samples.filter((f) => {
  const minor = Number(/-v1\.(\d+)-/.exec(f)![1]);
  return minor >= MIN_SUPPORTED_MINOR && minor <= MAX_SUPPORTED_MINOR;
});

describe('Pod Security fixtures through the pod-security rules', () => {
  test('most of the sample is lintable', () => expect(lintable.length).toBeGreaterThan(100));

  test.each(lintable)('%s', (file) => {
    const { level, minor, expected, manifest } = load(file);
    const findings = lintManifest(manifest, { targetVersion: KubernetesVersion.of(`1.${minor}`) });
    const rules = level === 'baseline' ? ['pod-security-baseline'] : ['pod-security-baseline', 'pod-security-restricted'];
    const hits = findings.filter((f) => rules.includes(f.ruleId));
    if (expected === 'pass') expect(hits).toEqual([]);
    else expect(hits.length).toBeGreaterThan(0);
    const prefix = manifest.kind === 'CronJob' ? 'spec.jobTemplate.spec.template.' : 'spec.template.';
    for (const h of hits) expect(h.path.startsWith(prefix)).toBe(true);
  });
});
