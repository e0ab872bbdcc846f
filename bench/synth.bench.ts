/**
 * Whole-process synth cost: N CronJobs (and N Jobs) with one container, schedules spread over the
 * day in three time zones, as plain cdk8s-plus-28, as cdk8s-batch with alerts off, and with alerts
 * on (the default). Each configuration runs as its own child process (`app.synth()` writing YAML
 * to a temp dir, like `cdk8s synth`), which reports its CPU time (user+sys) and peak RSS. Runs go
 * in rounds (every configuration once per round); the medians are printed, with the ratios to plain
 * cdk8s-plus-28 as the median of each round's ratio, and the CPU ratio of the medians beside it.
 *
 * The library is transpiled to JavaScript once first (into .bench/js) and its entry point bundled
 * as the package's is (scripts/bundle-lib.ts), so that every child pays what a user's `cdk8s synth`
 * pays for loading the compiled package, not ts-node's compilation.
 *
 * Environment: BENCH_SYNTH_N="1000,10000" (sizes), BENCH_SYNTH_KINDS="cronjob,job",
 * BENCH_SYNTH_RUNS="15,3" (runs per size: at 1,000 a run takes about a second and the machine's noise is
 * a tenth of that, so more runs there).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { table } from './util';
import { bundleLibrary } from '../scripts/bundle-lib';

const root = path.join(__dirname, '..');
const out = path.join(root, '.bench', 'js');
const sizes = (process.env.BENCH_SYNTH_N ?? '1000,10000').split(',').map(Number);
const runsPerSize = (process.env.BENCH_SYNTH_RUNS ?? '15,3').split(',').map(Number);
const kinds = (process.env.BENCH_SYNTH_KINDS ?? 'cronjob,job').split(',');
const variants = ['plain', 'off', 'on', 'per-workload'] as const;
/** How each configuration is named in the tables. */
const LABEL: Record<typeof variants[number], string> = { 'plain': 'cdk8s-plus-28', 'off': 'alerts off', 'on': 'alerts on (default: shared rules)', 'per-workload': 'alerts on, per-workload rules' };

/** Transpiles src/** and the child app to CommonJS (no type check: tsc does that elsewhere), and bundles src/index.js. */
function transpile(): string {
  fs.rmSync(out, { recursive: true, force: true });
  const files: string[] = [path.join(root, 'bench', 'synth-app.ts')];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) files.push(p);
    }
  };
  walk(path.join(root, 'src'));
  for (const file of files) {
    const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    }).outputText;
    const target = path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, js);
  }
  bundleLibrary(path.join(out, 'src', 'index.js'));
  return path.join(out, 'bench', 'synth-app.js');
}

interface Sample { cpuSeconds: number; maxRssMiB: number; outputBytes: number }

function runChild(app: string, kind: string, variant: string, n: number): Sample {
  // The synth's warnings (stderr) are part of its cost: collected, and shown only on failure.
  const r = spawnSync(process.execPath, [app, kind, variant, String(n)], { encoding: 'utf8', maxBuffer: 1024 * 1048576 });
  if (r.status !== 0) throw new Error(`synth-app ${kind} ${variant} ${n} failed (${r.status ?? r.signal} ${r.error?.message ?? ''}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/** The `q` quantile (0..1) of `xs`, interpolated between the two nearest samples. */
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
};
const median = (xs: number[]) => quantile(xs, 0.5);

const app = transpile();
/**
 * Per configuration: medians of CPU and peak RSS, and the medians of the per-round ratios to plain
 * cdk8s-plus-28. A round runs every configuration once, one after another, so a round's ratio
 * compares runs made seconds apart; this shared machine's load drifts over tens of seconds (plain's
 * 1,000 CronJobs took 0.71 to 0.92 s across runs of one hour), which moves the ratio of two
 * medians taken over the whole run more than the ratio within a round.
 */
const results = new Map<string, { cpu: number; rss: number; mib: number; cpuRatio: number; cpuRatioSpread: [number, number]; rssRatio: number }>();
const started = Date.now();
sizes.forEach((n, si) => {
  const runs = runsPerSize[si] ?? runsPerSize[runsPerSize.length - 1];
  for (const kind of kinds) {
    const samples = new Map<string, Sample[]>(variants.map((v) => [v, []]));
    // Round-robin over the variants so that load from elsewhere on the machine hits them alike.
    for (let r = 0; r < runs; r++) {
      for (const v of variants) samples.get(v)!.push(runChild(app, kind, v, n));
      process.stderr.write(`  ${kind} × ${n}: run ${r + 1}/${runs} done\n`);
    }
    const plain = samples.get('plain')!;
    for (const v of variants) {
      const s = samples.get(v)!;
      const cpuRatios = s.map((x, r) => x.cpuSeconds / plain[r].cpuSeconds);
      results.set(`${kind}/${v}/${n}`, {
        cpu: median(s.map((x) => x.cpuSeconds)),
        rss: median(s.map((x) => x.maxRssMiB)),
        mib: s[0].outputBytes / 1048576,
        cpuRatio: median(cpuRatios),
        // The middle half of the rounds' ratios: how much one round's ratio moves on this machine.
        cpuRatioSpread: [quantile(cpuRatios, 0.25), quantile(cpuRatios, 0.75)],
        rssRatio: median(s.map((x, r) => x.maxRssMiB / plain[r].maxRssMiB)),
      });
    }
  }
});

const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
for (const kind of kinds) {
  const label = kind === 'cronjob' ? 'CronJobs' : 'Jobs';
  const rows: Array<Array<string | number>> = [];
  for (const n of sizes) {
    const plain = results.get(`${kind}/plain/${n}`)!;
    for (const v of variants) {
      const r = results.get(`${kind}/${v}/${n}`)!;
      const name = v === 'plain' ? `cdk8s-plus-28 ${kind === 'cronjob' ? 'CronJob' : 'Job'}` : `Production${kind === 'cronjob' ? 'CronJob' : 'Job'}, ${LABEL[v]}`;
      rows.push([n.toLocaleString('en-US'), name, r.cpu.toFixed(2), `${r.cpuRatio.toFixed(2)}×`,
        v === 'plain' ? '' : `${r.cpuRatioSpread[0].toFixed(2)}–${r.cpuRatioSpread[1].toFixed(2)}×`, v === 'plain' ? '1.00×' : x(r.cpu, plain.cpu),
        Math.round(r.rss), `${r.rssRatio.toFixed(2)}×`, r.mib.toFixed(1)]);
    }
  }
  table(`${label}: whole-process synth, median of ${runsPerSize.join('/')} runs per size (CPU = user+sys; memory = peak RSS; vs plain = median of the per-round ratios; middle half = their 25th to 75th percentile; of medians = ratio of the CPU medians)`,
    ['N', 'configuration', 'CPU s', 'CPU vs plain', '(middle half)', '(of medians)', 'peak MiB', 'memory vs plain', 'YAML MiB'], rows);
  if (sizes.length > 1) {
    const [a, b] = [sizes[0], sizes[sizes.length - 1]];
    table(`${label}: scaling ${a.toLocaleString('en-US')} → ${b.toLocaleString('en-US')} (${b / a}× the workloads)`, ['configuration', 'CPU growth', 'memory growth'],
      variants.map((v) => {
        const small = results.get(`${kind}/${v}/${a}`)!;
        const big = results.get(`${kind}/${v}/${b}`)!;
        return [LABEL[v], x(big.cpu, small.cpu), x(big.rss, small.rss)];
      }));
  }
}
console.log(`\n(bench took ${Math.round((Date.now() - started) / 1000)} s; node ${process.version}, ${os.cpus().length} cores)`);
