import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { KNOWN_FINDING, findingKeys, folderWithKnownFile, runCli } from './cli-process';

// Child processes on a shared machine: generous, because bounded time is judged by the child's own time limit.
jest.setTimeout(180_000);

/**
 * Issue #10, "Lint: hostile inputs": each input is linted by the real command line, in a child
 * process with a capped heap and a time limit, in a folder beside a file with a known finding.
 * The known finding must still be reported, the bad input must be named, and the child must
 * exit by itself (not be killed, not run out of memory).
 */

const JOB = (name: string) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } } },
});

interface Case {
  /** Writes the hostile input into `dir`; returns its file name. */
  readonly make: (dir: string) => string;
  /** What stderr must say about it. */
  readonly says: RegExp;
  /** Findings of the hostile file that must be reported too (e.g. the good document before a bad one). */
  readonly alsoFinds?: string[];
  readonly heapMiB?: number;
}

const write = (name: string, content: string | Buffer) => (dir: string) => {
  fs.writeFileSync(path.join(dir, name), content);
  return name;
};

const billionLaughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat('bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`))
  .join('\n');

const CASES: Record<string, Case> = {
  'an unresolved alias': { make: write('alias.yaml', 'a: *nope\n'), says: /alias\.yaml:1:1: document 1: alias \*nope refers to no anchor &nope/ },
  'a billion-laughs alias bomb': { make: write('laughs.yaml', `${billionLaughs}\n`), says: /laughs\.yaml:1:1: document 1: aliases expand to too much data/ },
  '%YAML 1.1 with <<: 42': { make: write('merge.yaml', '%YAML 1.1\n---\na: 1\n<<: 42\n'), says: /merge\.yaml:3:1: document 1: a "<<" merge key must be a mapping/ },
  'a good document followed by a bad one': {
    make: write('good-then-bad.yaml', `${JSON.stringify(JOB('good-one'))}\n---\nb: *nope\n`),
    says: /good-then-bad\.yaml:3:1: document 2: alias \*nope/,
    alsoFinds: ['no-active-deadline Job/good-one'],
  },
  'a FIFO named pipe.yaml (never opened)': {
    make: (dir) => {
      execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
      return 'pipe.yaml';
    },
    says: /pipe\.yaml: is a named pipe \(FIFO\), not a regular file: not read/,
  },
  'a symlink to /dev/zero (never read)': {
    make: (dir) => {
      fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
      return 'zero.yaml';
    },
    says: /zero\.yaml: is a character device, not a regular file: not read/,
  },
  'a 15 MiB YAML flow list of 7.9 million elements': {
    make: write('huge-list.yaml', `args: [${'1,'.repeat(7_900_000)}1]\n`),
    says: /huge-list\.yaml: holds too many YAML nodes to check safely \(about 79\d{5}, limit 1000000\)/,
  },
  '10^5 levels of flow nesting': { make: write('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}\n`), says: /deep\.json:1:1: document 1: nesting deeper than 200 levels/ },
  '10^5 levels of block sequences': { make: write('dashes.yaml', `${'- '.repeat(100_000)}x\n`), says: /dashes\.yaml:1:1: document 1: nesting deeper than 200 levels/ },
  '10^4 levels of JSON objects': { make: write('objects.json', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}\n`), says: /objects\.json:1:1: document 1: nesting deeper than 200 levels/ },
  'a binary file named .yaml': {
    make: write('image.yaml', Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')),
    says: /image\.yaml: is not text \(not valid UTF-8\): is it a binary file\?/,
  },
  'an empty file': { make: write('empty.yaml', ''), says: /empty\.yaml: is empty: no YAML documents/ },
  'a file of comments only': { make: write('comments.yaml', '# nothing here\n\n'), says: /comments\.yaml: holds no YAML documents \(only comments/ },
  'malformed YAML': { make: write('broken.yaml', 'a: [1, 2\nb: }\n'), says: /broken\.yaml:\d+:\d+: invalid YAML: / },
};

describe('hostile inputs: named, exit 2, the other file\'s findings kept, bounded time and memory', () => {
  test.each(Object.entries(CASES))('%s', (_name, c) => {
    const dir = folderWithKnownFile();
    try {
      c.make(dir);
      const r = runCli(['lint', '--format', 'json', dir], { heapMiB: c.heapMiB });
      expect(r.timedOut).toBe(false);
      expect(r.signal).toBeNull();
      expect(r.stderr).not.toMatch(/heap out of memory|Maximum call stack|    at /);
      expect(r.stderr).toMatch(c.says);
      expect(r.status).toBe(2);
      const keys = findingKeys(r.stdout);
      expect(keys).toContain(KNOWN_FINDING);
      for (const k of c.alsoFinds ?? []) expect(keys).toContain(k);
      expect(JSON.parse(r.stdout).problems).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('inputs that used to be skipped or crash, and are valid: checked', () => {
  function lintBeside(name: string, content: string | Buffer, heapMiB?: number) {
    const dir = folderWithKnownFile();
    try {
      fs.writeFileSync(path.join(dir, name), content);
      const r = runCli(['lint', '--format', 'json', dir], { heapMiB });
      expect(r.timedOut).toBe(false);
      expect(r.signal).toBeNull();
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const keys = findingKeys(r.stdout);
      expect(keys).toContain(KNOWN_FINDING);
      return JSON.parse(r.stdout).findings.filter((f: any) => f.file.endsWith(name));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const yamlJob = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: wide\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: main\n          image: busybox:1.36\n';

  test('UTF-16 LE with a BOM', () => {
    const found = lintBeside('bom.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yamlJob, 'utf16le')]));
    expect(found.map((f: any) => `${f.ruleId} ${f.kind}/${f.name}`)).toContain('no-active-deadline Job/wide');
    expect(found.find((f: any) => f.ruleId === 'no-active-deadline')).toMatchObject({ line: 5, column: 1 });
  });
  test('UTF-16 BE without a BOM', () => {
    const found = lintBeside('nobom.yaml', Buffer.from(yamlJob, 'utf16le').swap16());
    expect(found.map((f: any) => `${f.ruleId} ${f.kind}/${f.name}`)).toContain('no-active-deadline Job/wide');
  });
  test('Jobs inside kind: List, each pointing at its own lines', () => {
    const item = yamlJob.replace(/\n(?=.)/g, '\n    ');
    const found = lintBeside('list.yaml', `apiVersion: v1\nkind: List\nitems:\n  - ${item.replace('name: wide', 'name: first')}  - ${item.replace('name: wide', 'name: second')}`);
    expect(found.filter((f: any) => f.ruleId === 'no-active-deadline').map((f: any) => `${f.name} ${f.line}:${f.column}`)).toEqual(['first 8:5', 'second 19:5']);
  });
  test('a JSON array of Jobs', () => {
    const found = lintBeside('array.json', JSON.stringify([JOB('a'), JOB('b')], null, 2));
    expect(found.filter((f: any) => f.ruleId === 'no-active-deadline').map((f: any) => f.name)).toEqual(['a', 'b']);
  });
  test('an anchor used 100 times is not an alias bomb', () => {
    const job = `${yamlJob}          args: [${Array(100).fill('*flag').join(', ')}]\n          env: [{name: A, value: &flag "x"}]\n`;
    // The anchor must come first: put env before args.
    const ordered = job.replace(/( {10}args: .*\n)( {10}env: .*\n)/, '$2$1');
    expect(lintBeside('anchors.yaml', ordered).map((f: any) => f.kind + '/' + f.name)).toContain('Job/wide');
  });
  test('a valid 15 MiB JSON Job with a 7.9-million-element list: checked within a 256 MiB heap', () => {
    const big = JOB('big');
    // supplementalGroups is a list of integers, so the huge list is valid for the API server too.
    const text = JSON.stringify(big).replace('"restartPolicy":"Never"', `"restartPolicy":"Never","securityContext":{"supplementalGroups":[${'1,'.repeat(7_900_000)}1]}`);
    expect(text.length).toBeGreaterThan(15 * 1024 * 1024);
    const found = lintBeside('big.json', text, 256);
    expect(found.map((f: any) => `${f.ruleId} ${f.kind}/${f.name}`)).toContain('no-active-deadline Job/big');
  });
});
