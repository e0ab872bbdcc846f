import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { KubernetesVersion, lintManifest, Severity } from '../../src';

/**
 * The shared API-server samples (a sample of the larger set the project is checked on), copied
 * here so the suite does not depend on ../shared. Each states the verdict of a 1.34 API server:
 * an error at the expected path for invalid cases, no error at all for valid ones.
 */
function casesIn(dir: string) {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    // The path runs to the end of the line: a few contain a space ("{topologyKey, whenUnsatisfiable}").
    const [, verdict, expected] = /# expect:\s*(valid|invalid)[ \t]*(.*)/.exec(text) ?? [];
    return { file: path.join(path.basename(dir), file), verdict, expected: expected.trim(), manifest: YAML.parse(text, { uniqueKeys: false }) }; // as the CLI reads it
  });
}
const cases = casesIn(path.join(__dirname, 'api-server-cases'));
/**
 * Cases of our own, each converted from a test case or a rule of Kubernetes' validation code at
 * the commit the samples cite (the `# source:` line): the same verdict format, one folder per area.
 */
const upstreamRoot = path.join(__dirname, 'upstream-cases');
const upstreamCases = fs.readdirSync(upstreamRoot, { withFileTypes: true }).filter((d) => d.isDirectory())
  .flatMap((d) => casesIn(path.join(upstreamRoot, d.name)));

/** Paths without list indexes and map keys, as the agreement check compares them. */
const segments = (p: string) => p.replace(/\[[^\]]*\]/g, '').split('.').filter(Boolean);

test('the samples are all there', () => expect(cases.length).toBeGreaterThanOrEqual(56));

test('the upstream cases are all there', () => expect(upstreamCases.length).toBeGreaterThanOrEqual(700));

describe.each([...cases, ...upstreamCases])('$file', ({ verdict, expected, manifest }) => {
  const errors = lintManifest(manifest, { targetVersion: KubernetesVersion.V1_34 }).filter((f) => f.severity === Severity.ERROR);
  if (verdict === 'valid') {
    test('no error finding', () => expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([]));
  } else {
    test(`an error at ${expected}`, () => {
      const want = segments(expected);
      const hit = errors.some((e) => {
        const got = segments(e.path);
        const prefix = (a: string[], b: string[]) => a.every((s, i) => b[i] === s);
        return (prefix(want, got) || prefix(got, want)) && got.length >= want.length - 1;
      });
      expect({ expected, errors: errors.map((e) => e.path), hit }).toMatchObject({ hit: true });
    });
  }
});
