import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { fuzzCase, FuzzCase } from './arbitraries';
import { checkOutcome, SynthOutcome, unclearError } from './oracle';
import { formatValue } from '../../src/util/errors';

/**
 * Every construct and preset under random but type-correct props (edge values included): synth
 * either throws one clear BatchConfigError, or every Job/CronJob it writes is accepted by the API
 * server of the target version and passes Pod Security "restricted", and every alert rule parses.
 * The oracle (src/validation/api-server, src/validation/pod-security, lezer-promql) is independent
 * of the constructs. FUZZ_RUNS scales the number of cases (default 3000 with a fixed seed plus 1000
 * with a random one); FUZZ_SEED replays a failure.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);

function run(c: FuzzCase): string[] {
  const chart = new Chart(Testing.app(), 'fuzz', { namespace: 'batch' });
  let outcome: SynthOutcome;
  try {
    const target = c.build(chart);
    try {
      outcome = { manifests: Testing.synth(chart), minor: target.minor };
    } catch (e) {
      outcome = { error: e as Error, minor: target.minor };
    }
  } catch (e) {
    // A builder call (PodFailurePolicy, OneOffJob.fromCronJob on a non-CronJob) may throw at once: it must be clear too.
    return unclearError(e, hasNaN(c.data));
  }
  stats[outcome.error ? 'error' : 'valid']++;
  if (process.env.FUZZ_STATS && outcome.error) firstLines.set(outcome.error.message.split('\n').slice(-1)[0].replace(/\(got .*/, '').slice(0, 120), c.kind);
  return checkOutcome(outcome, hasNaN(c.data));
}

function hasNaN(x: unknown, depth = 0): boolean {
  if (typeof x === 'number') return Number.isNaN(x);
  if (x === null || typeof x !== 'object' || depth > 8) return false;
  return Object.values(x).some((v) => hasNaN(v, depth + 1));
}

/** How many cases ended in a clear error and how many in valid output (printed with FUZZ_STATS=1). */
const stats = { error: 0, valid: 0 };
const firstLines = new Map<string, string>();
afterAll(() => {
  if (process.env.FUZZ_STATS) write.call(process.stderr, `${JSON.stringify(stats)}\n${[...firstLines].slice(0, 60).join('\n')}\n`);
});

function describeCase(c: FuzzCase): string {
  return `${c.kind} ${formatValue(c.data)}`;
}

const property = fc.property(fuzzCase, (c) => {
  const wrong = run(c);
  if (wrong.length > 0) throw new Error(`${describeCase(c)}\n${[...new Set(wrong)].slice(0, 5).join('\n')}`);
});

let write: typeof process.stderr.write;
beforeAll(() => {
  // Warnings printed at synth (fixed-name Jobs, ...) would flood the output.
  write = process.stderr.write;
  process.stderr.write = (() => true) as any;
});
afterAll(() => {
  process.stderr.write = write;
});

test('fixed seed: a clear error or valid output for every case', () => {
  fc.assert(property, { seed: Number(process.env.FUZZ_SEED ?? 20261125), numRuns: RUNS, endOnFailure: true });
});

test('random seed (printed on failure): a clear error or valid output for every case', () => {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
  const result = fc.check(property, { seed, numRuns: Math.ceil(RUNS / 3), endOnFailure: true });
  if (result.failed) throw new Error(`failed with seed ${seed} (replay: FUZZ_SEED=${seed}):\n${(result.errorInstance as Error | undefined)?.message ?? fc.defaultReportMessage(result)}`);
});
