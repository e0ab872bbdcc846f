import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, Size, Testing, Yaml, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { ProductionCronJob } from '../../src';
import * as manifestYamlModule from '../../src/util/manifest-yaml';
import { agreesWith, cachedScalarRenderer, isPlainWord, manifestYaml } from '../../src/util/manifest-yaml';

// Outside a synth, cdk8s' Yaml.stringify is the `yaml` package itself: the reference.
const reference = (doc: unknown): string => Yaml.stringify(doc);
const freshRenderer = () => cachedScalarRenderer(reference);

// Pieces that decide how YAML writes a scalar: indicators, line breaks, control characters, the
// words YAML 1.1 reads as booleans, null, numbers and dates, document markers, non-ASCII.
const pieces = [
  'a', 'Z', 'app', 'x/y', '_k', '0', '7', '09', ' ', '  ', '\t', '\n', '\n\n', ':', ': ', ' #', '#', '-', '- ', '?', '.', 'e', 'E5', '+', '_',
  '/', '"', "'", '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`', '~', '<<', '=', 'é', '\u0085', '\u2028', '\x07', '\x00',
  'yes', 'No', 'null', 'NULL', 'true', 'OFF', 'on', 'y', 'N', '.inf', '-.Inf', '.nan', '0x1F', '0b11', '017', '1_000', '1:20', '1:20:30.5', '3.14',
  '1e3', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '---', '...', '\u{1F600}', '\uD800',
];
const tricky = fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((p) => p.join(''));
const word = fc.stringMatching(/^[a-z][a-z0-9.\/-]{0,12}$/);
const anyString = fc.oneof(tricky, word, fc.string({ maxLength: 8 }));
const key = fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: anyString });
const scalar = fc.oneof(
  anyString,
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.constantFrom(0, -0, 1.5, -2.25, 1e21, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const { value: jsonValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
}));
const documents = fc.oneof(fc.dictionary(key, jsonValue, { maxKeys: 6 }), fc.array(jsonValue, { maxLength: 4 }));

describe('manifestYaml', () => {
  test('writes what yaml writes, or leaves the document to yaml', () => {
    const renderer = freshRenderer();
    fc.assert(fc.property(documents, (doc) => {
      const mine = manifestYaml(doc, renderer);
      if (mine !== undefined) expect(mine).toBe(reference(doc));
    }), { numRuns: 3000 });
  });

  test('writes most documents itself (the comparison above is not vacuous)', () => {
    const renderer = freshRenderer();
    let written = 0;
    const runs = 1000;
    fc.assert(fc.property(fc.dictionary(word, jsonValue, { maxKeys: 6 }), (doc) => {
      if (manifestYaml(doc, renderer) !== undefined) written++;
    }), { numRuns: runs, seed: 20261206 });
    // About 27% (25-31% over 20 seeds): random documents are full of fractions, undefined and NaN.
    expect(written).toBeGreaterThan(runs / 5);
  });

  test('block scalars at every depth, in mappings and sequences', () => {
    const renderer = freshRenderer();
    const texts = ['a\nb', 'a\nb\n', 'a\n\n', '  indented\nnext', 'line \nnext', 'x\n  y\n\n\nz', '#not a comment\n- not an item', 'a: b\n'];
    for (const text of texts) {
      const doc = { spec: { args: [text, { deeper: [[text]] }], env: { value: text } }, text };
      const mine = manifestYaml(doc, renderer);
      expect(mine).toBe(reference(doc));
    }
  });

  test.each([
    ['a string YAML 1.1 reads as a boolean', { enabled: 'yes' }],
    ['a cron schedule (starts with a digit)', { schedule: '0 2 * * *' }],
    ['a quantity', { cpu: '100m', memory: '128Mi' }],
    ['an empty string', { value: '' }],
    ['a colon and a space', { message: 'retry: later' }],
    ['empty collections', { a: {}, b: [], c: [{}, []] }],
    ['null', { a: null }],
  ])('%s: written by this writer, as yaml writes it', (_what, doc) => {
    const mine = manifestYaml(doc, freshRenderer());
    expect(mine).not.toBeUndefined();
    expect(mine).toBe(reference(doc));
  });

  test.each([
    ['an object met twice (yaml writes an anchor)', (() => { const shared = { a: 1 }; return { first: shared, second: shared }; })()],
    ['undefined', { a: undefined }],
    ['a fraction', { a: 0.5 }],
    ['-0', { a: -0 }],
    ['a key that needs quotes', { 'a: b': 1 }],
    ['a numeric key', { 1: 'one' }],
    ['a Date', { at: new Date(0) }],
    ['a function', { f: () => 1 }],
  ])('%s: left to yaml', (_what, doc) => {
    expect(manifestYaml(doc, freshRenderer())).toBeUndefined();
  });

  test('isPlainWord accepts only strings yaml writes unquoted', () => {
    fc.assert(fc.property(anyString, (s) => {
      if (isPlainWord(s)) expect(reference({ k: s })).toBe(`k: ${s}\n`);
    }), { numRuns: 3000 });
    for (const s of ['y', 'Yes', 'off', 'Null', 'e5', 'E-10', 'a:', 'a ', 'a #b', '.x', '-a', '0a']) expect(isPlainWord(s)).toBe(false);
    for (const s of ['main', 'app.kubernetes.io/name', 'a:b', 'a#b', 'x y', 'yess', 'nulls', 'e5x']) expect(isPlainWord(s)).toBe(true);
  });

  test('isPlainWord: strings led by digits and a space (cron schedules) only when yaml writes them unquoted', () => {
    const lead = fc.stringMatching(/^[0-9][0-9,]{0,4}$/);
    const tail = fc.array(fc.constantFrom(...pieces, '*', '*/5', '1-5', 'MON', '?', ' '), { maxLength: 6 }).map((p) => p.join(''));
    fc.assert(fc.property(lead, tail, (a, b) => {
      const s = `${a} ${b}`;
      if (isPlainWord(s)) expect(reference({ k: s })).toBe(`k: ${s}\n`);
    }), { numRuns: 5000 });
    for (const s of ['0 2 * * *', '0,30 */2 1-5 * MON-FRI', '12 34']) expect(isPlainWord(s)).toBe(true);
    for (const s of ['2001-12-14 21:59:43.10 -5', '1 2:', '10 # x', '1 2 ', '1:20 x', '0x1F y']) expect(isPlainWord(s)).toBe(false);
  });
});

describe('agreesWith (checked before the writer is used)', () => {
  test('agrees with this cdk8s\' writer', () => expect(agreesWith(reference)).toBe(true));
  test.each([
    ['folds long lines (lineWidth 80)', { lineWidth: 80 }],
    ['does not indent sequences under their key', { lineWidth: 0, indentSeq: false }],
    ['indents by 4', { lineWidth: 0, indent: 4 }],
  ])('does not agree with a writer that %s', (_what, options) => {
    expect(agreesWith((d) => YAML.stringify(d, { version: '1.1', ...options }))).toBe(false);
  });
});

describe('cdk8s synth writes through it', () => {
  function appWith(build: (chart: Chart) => void): { app: App; outdir: string } {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-yaml-'));
    const app = new App({ outdir });
    build(new Chart(app, 'c'));
    return { app, outdir };
  }

  test('the files app.synth() writes are what yaml writes for the same manifests, and the fast writer wrote them', () => {
    const { app, outdir } = appWith((chart) => {
      // Two objects the fast writer takes and one with a fraction, which it leaves to yaml.
      // Raw ApiObjects: the writer serves every chart of a synth, not only this library's workloads.
      new ApiObject(chart, 'a', { apiVersion: 'v1', kind: 'ConfigMap', data: { schedule: '0 2 * * *', text: 'a\nb\n' } });
      new ApiObject(chart, 'b', { apiVersion: 'v1', kind: 'ConfigMap', data: { ratio: 0.5 } });
      new ApiObject(chart, 'c', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { labels: { team: 'x' } } });
    });
    const spy = jest.spyOn(manifestYamlModule, 'manifestYaml');
    try {
      app.synth();
      expect(spy.mock.results.map((r) => r.value === undefined)).toEqual([false, true, false]);
    } finally {
      spy.mockRestore();
    }
    const written = fs.readFileSync(path.join(outdir, 'c.k8s.yaml'), 'utf8');
    expect(written).toBe(Yaml.stringify(...Testing.synth(app.charts[0])));
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('outside a synth, Yaml.stringify is cdk8s\' own', () => {
    const spy = jest.spyOn(manifestYamlModule, 'manifestYaml');
    try {
      expect(Yaml.stringify({ a: 'b' })).toBe('a: b\n');
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  function twoCharts(app: App): void {
    const resources = { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(64) } };
    new ProductionCronJob(new Chart(app, 'jobs', { namespace: 'batch' }), 'report', {
      schedule: '0 2 * * *', timeZone: 'Etc/UTC', activeDeadline: Duration.minutes(20), containers: [{ image: 'r/report:1.0.0', resources, args: ['--say', 'a: b\nc'] }],
    });
    new ApiObject(new Chart(app, 'config'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', data: { on: 'yes', ratio: 0.5 } });
  }
  const readAll = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    (e.isDirectory() ? readAll(path.join(dir, e.name)) : [fs.readFileSync(path.join(dir, e.name), 'utf8')]));

  test.each([
    ['FILE_PER_APP', YamlOutputType.FILE_PER_APP, (charts: unknown[][]) => [Yaml.stringify(...charts.flat())]],
    ['FILE_PER_CHART', YamlOutputType.FILE_PER_CHART, (charts: unknown[][]) => charts.map((docs) => Yaml.stringify(...docs))],
    ['FILE_PER_RESOURCE', YamlOutputType.FILE_PER_RESOURCE, (charts: unknown[][]) => charts.flat().map((d) => Yaml.stringify(d))],
    ['FOLDER_PER_CHART_FILE_PER_RESOURCE', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE, (charts: unknown[][]) => charts.flat().map((d) => Yaml.stringify(d))],
  ])('yamlOutputType %s: the same files as cdk8s\' writer', (_name, yamlOutputType, expected) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-yaml-'));
    try {
      const app = new App({ outdir, yamlOutputType });
      twoCharts(app);
      app.synth();
      expect(readAll(outdir).sort()).toEqual(expected(app.charts.map((c) => Testing.synth(c))).sort());
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('app.synthYaml() returns what cdk8s\' writer returns', () => {
    const app = Testing.app();
    twoCharts(app);
    expect(app.synthYaml()).toBe(Yaml.stringify(...app.charts.flatMap((c) => Testing.synth(c))));
  });

  test('a file larger than one write is streamed whole, byte for byte', () => {
    const { app, outdir } = appWith((chart) => {
      for (let i = 0; i < 400; i++) {
        new ApiObject(chart, `cm${i}`, { apiVersion: 'v1', kind: 'ConfigMap', data: { text: `line ${i}\nnext line: ${'x'.repeat(i)}`, ratio: i % 7 === 0 ? 0.5 : i } });
      }
    });
    try {
      app.synth();
      const written = fs.readFileSync(path.join(outdir, 'c.k8s.yaml'), 'utf8');
      expect(written.length).toBeGreaterThan(2 * 65536); // several chunks
      expect(written).toBe(Yaml.stringify(...Testing.synth(app.charts[0])));
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('a Yaml.stringify installed after the library\'s is what Yaml.save writes with, as in cdk8s', () => {
    const { app, outdir } = appWith((chart) => new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } }));
    const ours = Yaml.stringify;
    Yaml.stringify = (...docs: any[]) => `# theirs\n${ours.apply(Yaml, docs)}`;
    try {
      app.synth();
      expect(fs.readFileSync(path.join(outdir, 'c.k8s.yaml'), 'utf8')).toMatch(/^# theirs\napiVersion: v1\n/);
    } finally {
      Yaml.stringify = ours;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
