import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import * as batch from '../../src';

/**
 * Every ```ts snippet of the README, compiled the way a user meets it: in a project laid out like
 * `cdk8s init typescript-app` (the template's own tsconfig, main.ts, main.test.ts and snapshot,
 * copied from cdk8s-cli), against the library as a package.
 *
 * The package: `tsc` builds src/ with the repository's tsconfig into node_modules/cdk8s-batch/lib,
 * next to a package.json with the published `main`/`types`. That is what the packed tarball holds
 * (`npm pack` after `projen compile`: lib/*.js and lib/*.d.ts compiled by jsii with the same
 * compiler options), without the minutes jsii and packing take. The app sees only the .d.ts files
 * and the JavaScript, as it would from the tarball, so the template's settings (`lib: es2016`,
 * no `skipLibCheck`, `noUnusedLocals`) apply to the library's declarations too.
 *
 * - A snippet whose first line is `// <file>.ts` is that file of the app (the Quick start's chart
 *   and its test). The Quick start's instruction for main.ts is applied to the template's main.ts.
 * - A snippet with imports is a file of its own, compiled with the template's settings.
 * - A snippet without imports is a fragment of a longer program: it is compiled with the
 *   library's, cdk8s's and a few well-known names (app, chart, image, resources...) declared, and
 *   without noUnusedLocals.
 * Then the template's jest setup runs main.test.ts (the snapshot of the empty MyChart) and the
 * README's test file.
 */
const root = path.join(__dirname, '..', '..');
const template = path.join(root, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf-8');

interface Snippet { readonly line: number; readonly code: string }

function snippets(markdown: string): Snippet[] {
  const out: Snippet[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```ts') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end].trim() !== '```') end++;
    out.push({ line: start + 1, code: lines.slice(start, end).join('\n') + '\n' });
    i = end;
  }
  return out;
}

const FILE_COMMENT = /^\/\/ ([\w.-]+\.ts)\s*$/;
const hasImport = (code: string) => /^import /m.test(code);

function run(command: string, args: string[], cwd: string): { status: number | null; output: string } {
  const env = { ...process.env };
  delete env.JEST_WORKER_ID;
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf-8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

function link(dir: string, name: string): void {
  const target = path.join(root, 'node_modules', name);
  const at = path.join(dir, 'node_modules', name);
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.symlinkSync(fs.realpathSync(target), at);
}

/** Declarations for fragments: every value the library and cdk8s export, and the names the README's fragments assume. */
function fragmentContext(): string {
  const lines: string[] = [];
  const declared = new Set<string>();
  for (const [module, exports] of [['cdk8s-batch', batch], ['cdk8s', cdk8s]] as const) {
    for (const name of Object.keys(exports)) {
      const value = (exports as Record<string, unknown>)[name];
      // Interfaces re-exported from a module show up as undefined values under ts-jest: values only.
      if (declared.has(name) || value === undefined || !/^[A-Za-z_]\w*$/.test(name)) continue;
      declared.add(name);
      lines.push(`declare const ${name}: typeof import('${module}').${name};`);
    }
  }
  lines.push(
    "declare const kplus: typeof import('cdk8s-plus-28');",
    "declare const app: import('cdk8s').App;",
    "declare const chart: import('cdk8s').Chart;",
    "declare const legacyJob: import('cdk8s-plus-28').Job;",
    "declare const someCdk8sPlusCronJob: import('cdk8s-plus-28').CronJob;",
    'declare const image: string;',
    "declare const resources: import('cdk8s-plus-28').ContainerResources;",
    "declare const container: import('cdk8s-plus-28').ContainerProps;",
  );
  return `${lines.join('\n')}\n`;
}

describe('README TypeScript snippets in a `cdk8s init typescript-app` project', () => {
  const all = snippets(readme);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-'));
  const app = path.join(dir, 'app');
  const fragments = path.join(dir, 'fragments');
  let built: { status: number | null; output: string };

  beforeAll(() => {
    // The package, as the tarball would install it.
    const pkg = path.join(dir, 'node_modules', 'cdk8s-batch');
    fs.mkdirSync(pkg, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8'));
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: manifest.name, version: manifest.version, main: manifest.main, types: manifest.types }));
    built = run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.json'), '--outDir', path.join(pkg, 'lib')], root);
    // What `npm install` of the template (and of the Quick start's packages) puts beside it.
    for (const name of ['cdk8s', 'cdk8s-plus-28', 'constructs', 'yaml', 'commander', '@types', 'typescript', 'ts-jest', 'jest']) link(dir, name);

    // The template, as `cdk8s init typescript-app` writes it.
    fs.mkdirSync(path.join(app, '__snapshots__'), { recursive: true });
    for (const f of ['tsconfig.json', 'jest.config.js', 'main.test.ts', path.join('__snapshots__', 'main.test.ts.snap')]) {
      fs.copyFileSync(path.join(template, f), path.join(app, f));
    }
    // The Quick start: "import { ReportsChart } from './reports'; at the top and new ReportsChart(app, 'reports'); before app.synth();"
    const main = fs.readFileSync(path.join(template, 'main.ts'), 'utf-8').replace('{{ $base }}', 'my-app');
    expect(main).toContain('app.synth();');
    fs.writeFileSync(path.join(app, 'main.ts'), `import { ReportsChart } from './reports';\n${main.replace('app.synth();', "new ReportsChart(app, 'reports');\napp.synth();")}`);

    fs.mkdirSync(fragments);
    fs.writeFileSync(path.join(fragments, 'context.d.ts'), fragmentContext());
    fs.writeFileSync(path.join(fragments, 'tsconfig.json'), JSON.stringify({
      extends: '../app/tsconfig.json', compilerOptions: { noUnusedLocals: false }, include: ['*.ts'],
    }));
    for (const s of all) {
      const named = FILE_COMMENT.exec(s.code.split('\n')[0]);
      if (named) fs.writeFileSync(path.join(app, named[1]), s.code);
      else if (hasImport(s.code)) fs.writeFileSync(path.join(app, `readme-line-${s.line}.ts`), s.code);
      else fs.writeFileSync(path.join(fragments, `readme-line-${s.line}.ts`), `${s.code}export {};\n`);
    }
  }, 180_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the README has the Quick start chart, its test, full snippets and fragments', () => {
    const files = all.map((s) => FILE_COMMENT.exec(s.code.split('\n')[0])?.[1]).filter(Boolean);
    expect(files).toEqual(expect.arrayContaining(['reports.ts', 'reports.test.ts']));
    expect(all.filter((s) => !FILE_COMMENT.test(s.code.split('\n')[0]) && hasImport(s.code)).length).toBeGreaterThan(0);
    expect(all.filter((s) => !hasImport(s.code)).length).toBeGreaterThan(0);
  });

  test('the library compiles into the package', () => expect(built).toMatchObject({ status: 0 }));

  test('the app (template files, the Quick start chart and test, every full snippet) compiles with the template\'s tsconfig', () => {
    const r = run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'], app);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);

  test('every fragment compiles against the library\'s API', () => {
    const r = run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'], fragments);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);

  test('the template\'s main.test.ts (snapshot of the empty MyChart) and the README\'s reports.test.ts pass', () => {
    // The template pins jest 29, whose snapshot format its main.test.ts.snap is in ("Array []");
    // this repository has jest 30: its config plus jest 29's snapshot format stands in for jest 29.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = { ...require(path.join(template, 'jest.config.js')), rootDir: app, snapshotFormat: { escapeString: true, printBasicPrototype: true } };
    const r = run(process.execPath, [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci=false', '--config', JSON.stringify(config), 'main.test.ts', 'reports.test.ts'], app);
    expect(r.output).toMatch(/Tests: +3 passed, 3 total/);
    expect(r.output).toMatch(/Snapshots: +1 written, 1 passed, 2 total/);
    expect(r.status).toBe(0);
  }, 180_000);
});
