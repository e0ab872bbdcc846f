import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KubernetesVersion, Severity } from '../../src';
import { runLint } from '../../src/cli/lint-command';
import { ManifestObject, ReaderFileSystem, decode, readManifestInputs, visitManifestInputs } from '../../src/cli/read-manifests';
import { splitFieldPath } from '../../src/cli/source-positions';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-batch-read-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const put = (rel: string, content: string | Buffer) => {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
};

const JOB_YAML = (name: string, indent = '') => [
  'apiVersion: batch/v1', 'kind: Job', 'metadata:', `  name: ${name}`, 'spec:', '  template:', '    spec:',
  '      restartPolicy: Never', '      containers:', '        - name: main', '          image: busybox',
].map((l, i) => (i === 0 ? l : indent + l)).join('\n');

describe('lists and arrays are expanded', () => {
  test('kind: List (what kubectl get -o yaml prints), with positions inside the list', () => {
    const file = put('list.yaml', `apiVersion: v1\nkind: List\nitems:\n  - ${JOB_YAML('first', '    ')}\n  - ${JOB_YAML('second', '    ')}\nmetadata: {}\n`);
    const r = readManifestInputs([file]);
    expect(r.problems).toEqual([]);
    expect(r.objects.map((o) => `${o.manifest.metadata.name} ${o.itemPath} ${o.line}:${o.column}`)).toEqual(['first items[0] 4:5', 'second items[1] 15:5']);
    expect(r.objects[1].locate('spec.template.spec.containers[0].image')).toEqual({ line: 25, column: 15 });
  });
  test('a JSON array of objects', () => {
    const file = put('array.json', JSON.stringify([{ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'a' } }, { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'b' } }], null, 2));
    const r = readManifestInputs([file]);
    expect(r.objects.map((o) => `${o.manifest.kind}/${o.manifest.metadata.name} ${o.itemPath} ${o.line}`)).toEqual(['Job/a [0] 2', 'CronJob/b [1] 9']);
  });
  test('a typed JobList and the lint count', () => {
    put('jobs.yaml', `apiVersion: batch/v1\nkind: JobList\nitems:\n  - ${JOB_YAML('x', '    ')}\n`);
    let out = '';
    const code = runLint([dir], { format: 'text', targetVersion: KubernetesVersion.DEFAULT, minSeverity: Severity.INFO }, (s) => { out += s; }, () => undefined);
    expect(out).toMatch(/^1 Job\/CronJob object\(s\) checked/m);
    expect(code).toBe(0);
  });
  test('a mapping that only looks like a list is one object', () => {
    const file = put('not-a-list.yaml', 'kind: ConfigMap\nitems: 3\n');
    expect(readManifestInputs([file]).objects).toHaveLength(1);
  });
});

describe('files and folders', () => {
  test('an unreadable subfolder is reported and its siblings are still read (failure injected: chmod 000 does not stop root)', () => {
    put('a/job.yaml', JOB_YAML('in-a'));
    put('locked/job.yaml', JOB_YAML('locked'));
    put('z/job.yaml', JOB_YAML('in-z'));
    const locked = path.join(dir, 'locked');
    const failing: ReaderFileSystem = {
      ...fs,
      readdirSync: (p: string, o: { withFileTypes: true }) => {
        if (p === locked) throw Object.assign(new Error(`EACCES: permission denied, scandir '${p}'`), { code: 'EACCES' });
        return fs.readdirSync(p, o);
      },
    };
    const r = readManifestInputs([dir], { fs: failing });
    expect(r.objects.map((o) => o.manifest.metadata.name)).toEqual(['in-a', 'in-z']);
    expect(r.problems).toEqual([{ file: locked, message: 'folder cannot be read: permission denied. Fix: make it readable, or leave it out' }]);
    let err = '';
    let out = '';
    const code = runLint([dir], { format: 'json', targetVersion: KubernetesVersion.DEFAULT, minSeverity: Severity.INFO, read: { fs: failing } }, (s) => { out += s; }, (s) => { err += s; });
    expect(code).toBe(2);
    // The siblings' findings are all still there.
    expect(JSON.parse(out).findings.filter((f: any) => f.ruleId === 'no-active-deadline').map((f: any) => f.name)).toEqual(['in-a', 'in-z']);
    expect(err).toContain(`${locked}: folder cannot be read: permission denied`);
  });
  (process.getuid?.() === 0 ? test.skip : test)('an unreadable subfolder for real (chmod 000; skipped when running as root)', () => {
    put('ok/job.yaml', JOB_YAML('ok'));
    put('locked/job.yaml', JOB_YAML('locked'));
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      const r = readManifestInputs([dir]);
      expect(r.objects.map((o) => o.manifest.metadata.name)).toEqual(['ok']);
      expect(r.problems[0].message).toMatch(/permission denied/);
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });
  test('an empty folder is a problem, a folder of non-manifest files too', () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    put('docs/readme.md', '# hi');
    const r = readManifestInputs([path.join(dir, 'empty'), path.join(dir, 'docs')]);
    expect(r.problems.map((p) => `${path.basename(p.file)}: ${p.message}`)).toEqual([
      'empty: folder holds no .yaml, .yml or .json files. Fix: pass the folder with the manifests, or the files themselves',
      'docs: folder holds no .yaml, .yml or .json files. Fix: pass the folder with the manifests, or the files themselves',
    ]);
  });
  test('a missing path', () => {
    expect(readManifestInputs([path.join(dir, 'nope.yaml')]).problems[0].message).toBe('does not exist. Fix: check the path');
  });
  test('a file over the byte cap is not read past the cap', () => {
    const file = put('big.yaml', 'a: 1\n'.repeat(100));
    expect(readManifestInputs([file], { maxFileBytes: 100 }).problems[0].message).toMatch(/^is larger than 100 bytes: not checked/);
    expect(readManifestInputs([file], { maxFileBytes: 500 }).problems).toEqual([]);
  });
  test('folder order is stable: files before subfolders, by name', () => {
    put('b.yaml', JOB_YAML('b'));
    put('a.yaml', JOB_YAML('a'));
    put('sub/c.yaml', JOB_YAML('c'));
    put('0/d.yaml', JOB_YAML('d'));
    expect(readManifestInputs([dir]).objects.map((o) => o.manifest.metadata.name)).toEqual(['a', 'b', 'd', 'c']);
  });
  test('plain text, and files of empty documents, are not manifests', () => {
    const text = put('notes.yaml', 'This folder holds the nightly jobs.\nAsk the data team.\n');
    const dashes = put('dashes.yaml', '---\n---\n# nothing\n');
    const r = readManifestInputs([text, dashes]);
    expect(r.problems.map((p) => `${path.basename(p.file)}: ${p.message}`)).toEqual([
      'notes.yaml: is not a manifest: it holds only plain text or single values, no mapping (kind, metadata, ...). Fix: lint YAML or JSON manifests only',
      'dashes.yaml: holds no YAML documents (only comments, blank lines or empty documents). Fix: remove it, or add the manifests',
    ]);
  });
  test('documents that are not objects are skipped without a problem', () => {
    const file = put('values.yaml', '- just\n- a list\n---\n42\n---\n');
    const r = readManifestInputs([file]);
    expect(r).toMatchObject({ objects: [], problems: [], files: 1 });
  });
});

describe('decoding', () => {
  const text = 'kind: Job\n';
  test.each([
    ['UTF-8', Buffer.from(text)],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 LE', Buffer.from(text, 'utf16le')],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ['UTF-16 BE', Buffer.from(text, 'utf16le').swap16()],
    ['UTF-32 LE', Buffer.from([...text].flatMap((c) => [c.charCodeAt(0), 0, 0, 0]))],
    ['UTF-32 BE', Buffer.from([...text].flatMap((c) => [0, 0, 0, c.charCodeAt(0)]))],
  ])('%s', (_n, bytes) => expect(decode(bytes)).toEqual({ text }));
  test('binary and empty input are problems', () => {
    expect(decode(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toEqual({ problem: expect.stringMatching(/^is not text \(not valid UTF-8\)/) });
    expect(decode(Buffer.from('a: b\u0000c'))).toEqual({ problem: expect.stringMatching(/contains NUL bytes/) });
    expect(decode(Buffer.alloc(0))).toEqual({ problem: expect.stringMatching(/^is empty/) });
  });
});

describe('field paths', () => {
  test('keys, indexes, names and quoted keys', () => {
    expect(splitFieldPath('spec.template.spec.containers[0].image')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(splitFieldPath('spec.containers[main].securityContext')).toEqual(['spec', 'containers', { name: 'main' }, 'securityContext']);
    expect(splitFieldPath('metadata.annotations["cdk8s-batch.io/suppressions"]')).toEqual(['metadata', 'annotations', 'cdk8s-batch.io/suppressions']);
    expect(splitFieldPath('')).toEqual([]);
  });
  test('positions: the field, an item by name, the nearest ancestor of a missing field, a quoted key', () => {
    const file = put('job.yaml', `${JOB_YAML('p')}\n          securityContext: {runAsNonRoot: true}\n`);
    const [o] = readManifestInputs([file]).objects;
    expect(o.locate('spec.template.spec.containers[0].image')).toEqual({ line: 11, column: 11 });
    expect(o.locate('spec.template.spec.containers[main].securityContext.runAsNonRoot')).toEqual({ line: 12, column: 29 });
    expect(o.locate('spec.template.spec.containers[other].image')).toEqual({ line: 9, column: 7 });
    expect(o.locate('spec.activeDeadlineSeconds')).toEqual({ line: 5, column: 1 });
    expect(o.locate('metadata.annotations["a.b/c"]')).toEqual({ line: 3, column: 1 });
    expect(o.locate('')).toEqual({ line: 1, column: 1 });
  });
});

describe('positions after the visit (the parsed tree is released, the text parsed again)', () => {
  test('are the same as during the visit, in every document, a List and a document that starts on its --- line', () => {
    const file = put('multi.yaml', [
      '# leading comment', JOB_YAML('one'),
      '---', `apiVersion: v1\nkind: List\nitems:\n  - ${JOB_YAML('two', '    ')}`,
      '--- {apiVersion: batch/v1, kind: Job, metadata: {name: three},',
      '  spec: {template: {spec: {containers: [{name: main, image: busybox}]}}}}', '',
    ].join('\n'));
    const paths = ['', 'metadata.name', 'spec.template.spec.containers[0].image', 'spec.template.spec.containers[main]', 'spec.missing', 'spec.template.spec.restartPolicy'];
    const live: string[] = [];
    const kept: ManifestObject[] = [];
    visitManifestInputs([file], (o) => {
      kept.push(o);
      live.push(...paths.map((p) => `${o.manifest.metadata.name} ${p}: ${JSON.stringify(o.locate(p))}`));
    });
    const later = kept.flatMap((o) => paths.map((p) => `${o.manifest.metadata.name} ${p}: ${JSON.stringify(o.locate(p))}`));
    expect(later).toEqual(live);
    expect(live).toEqual(expect.arrayContaining([
      'three spec.template.spec.containers[0].image: {"line":29,"column":54}',
      'three metadata.name: {"line":28,"column":50}',
      'two metadata.name: {"line":20,"column":7}',
    ]));
  });
});
