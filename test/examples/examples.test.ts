import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing, Yaml } from 'cdk8s';
import { promqlErrors } from '../alerts/fixtures';
import { expectProductionReady, synthManifests, toYaml } from '../support/manifests';

// Every runnable app under examples/ exports build(app) (and may export more builders); each is
// synthesized in-process, checked and snapshotted, so a new example is covered by adding its folder.
const examplesDir = path.join(__dirname, '..', '..', 'examples');
const examples = fs.readdirSync(examplesDir).filter((d) => fs.existsSync(path.join(examplesDir, d, 'main.ts'))).sort();

describe.each(examples)('examples/%s', (name) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(examplesDir, name, 'main.ts'));
  const app: App = Testing.app();
  for (const [key, builder] of Object.entries(mod)) {
    if (typeof builder === 'function' && key.startsWith('build')) (builder as (a: App) => unknown)(app);
  }
  const manifests = synthManifests(app);

  test('every Job and CronJob passes the OpenAPI schema and Pod Security restricted', () => expectProductionReady(manifests));
  test('every Job and CronJob has its PrometheusRule, and every expression parses', () => {
    const rules = manifests.filter((m) => m.kind === 'PrometheusRule');
    for (const w of manifests.filter((m) => m.kind === 'Job' || m.kind === 'CronJob')) {
      const rule = rules.find((r) => r.metadata.name === `${w.metadata.name}-alerts`);
      expect(rule?.metadata.namespace).toBe(w.metadata.namespace);
      for (const r of rule.spec.groups[0].rules) expect({ alert: r.alert, errors: promqlErrors(r.expr) }).toEqual({ alert: r.alert, errors: [] });
    }
  });
  test('output snapshot', () => expect(toYaml(manifests)).toMatchSnapshot());

  test('app.synth() writes, through the fast YAML writer, the bytes cdk8s\' yaml writes', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
    try {
      const written = new App({ outdir });
      for (const [key, builder] of Object.entries(mod)) {
        if (typeof builder === 'function' && key.startsWith('build')) (builder as (a: App) => unknown)(written);
      }
      written.synth();
      const files = fs.readdirSync(outdir).map((f) => fs.readFileSync(path.join(outdir, f), 'utf8')).sort();
      // Outside a synth Yaml.stringify is the yaml package's.
      expect(files).toEqual(written.charts.map((c) => Yaml.stringify(...Testing.synth(c))).sort());
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

test('there are examples to test', () => expect(examples.length).toBeGreaterThanOrEqual(3));
