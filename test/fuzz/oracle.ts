import { Chart, Testing } from 'cdk8s';
import { KubernetesVersion, lintManifest } from '../../src';
import { apiServerVerdict } from '../../src/validation/api-server';
import { podSecurityFindings } from '../../src/validation/pod-security';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parser } = require('@prometheus-io/lezer-promql');

/** What synthesizing a chart gave: the error thrown, or the manifests. */
export interface SynthOutcome {
  readonly error?: Error;
  readonly manifests?: any[];
  /** Kubernetes minor the constructs target (the oracle checks the output at that version). */
  readonly minor: number;
}

export function synthOutcome(chart: Chart, target: KubernetesVersion = KubernetesVersion.DEFAULT): SynthOutcome {
  try {
    return { manifests: Testing.synth(chart), minor: target.minor };
  } catch (e) {
    return { error: e as Error, minor: target.minor };
  }
}

const CLEAR_LINE = /^\S[^\n]*: \S[^\n]* [^\n]*\. Fix: \S[^\n]*$/;
const PROM_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const K8S_LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Why a thrown error is not a clear one (empty: it is clear). */
export function unclearError(error: unknown, inputHasNaN = false): string[] {
  const out: string[] = [];
  if (!(error instanceof Error)) return [`threw a non-Error: ${String(error)}`];
  if (error.name !== 'BatchConfigError') out.push(`threw ${error.name}: ${error.message.slice(0, 300)}`);
  const lines = error.message.split('\n');
  const problems = /^\d+ problems:$/.test(lines[0]) ? lines.slice(1).map((l) => l.replace(/^ {2}- /, '')) : lines;
  for (const line of problems) {
    if (!CLEAR_LINE.test(line)) out.push(`unclear line: ${line.slice(0, 300)}`);
    // NaN in a message is fine only when the user passed NaN; undefined always comes from the library.
    if (/Failed serializing|\bundefined\b|\n\s+at /.test(line) || (!inputHasNaN && /\bNaN\b/.test(line.replace(/\(got NaN\)/g, '')))) out.push(`leaks internals: ${line.slice(0, 300)}`);
  }
  return out;
}

/** Syntax errors of a PromQL expression. */
export function promqlErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({ enter: (node: any) => { if (node.type.isError) errors.push(`PromQL syntax error at ${node.from} in ${expr.slice(0, 200)}`); } });
  return errors;
}

function wellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** Why synthesized manifests are not valid (empty: valid at `minor`, restricted, rules parse). */
export function invalidOutput(manifests: any[], minor: number): string[] {
  const out: string[] = [];
  for (const m of manifests) {
    const id = `${m.kind}/${m.metadata?.name}`;
    if (m.kind === 'Job' || m.kind === 'CronJob') {
      for (const e of apiServerVerdict(m, minor).errors) out.push(`${id} rejected by the 1.${minor} API server: ${JSON.stringify(e).slice(0, 300)}`);
      const template = m.kind === 'Job' ? m.spec?.template : m.spec?.jobTemplate?.spec?.template;
      // Restricted may only be lost on purpose (a capability the user added, runAsUser 0...), and
      // never silently: every failing check must reach the user as a Pod Security warning at synth.
      const warned = new Set(lintManifest(m, { targetVersion: KubernetesVersion.all.find((v) => v.minor === minor) })
        .filter((f) => f.ruleId === 'pod-security-restricted' || f.ruleId === 'pod-security-baseline').map((f) => f.message));
      // The restricted rule leaves out what the baseline rule reports at the same paths (one warning per problem).
      const baselinePaths = new Set(podSecurityFindings(template ?? {}, 'baseline', minor)
        .filter((b) => [...warned].some((w) => w.includes(`check ${b.check}`))).flatMap((b) => b.paths));
      for (const f of podSecurityFindings(template ?? {}, 'restricted', minor)) {
        if (f.paths.length > 0 && f.paths.every((p) => baselinePaths.has(p))) continue;
        if (![...warned].some((w) => w.includes(`check ${f.check}`))) out.push(`${id} silently fails Pod Security restricted: ${JSON.stringify(f).slice(0, 300)}`);
      }
    }
    if (m.kind === 'PrometheusRule') {
      for (const [k, v] of Object.entries(m.metadata?.labels ?? {})) {
        if (!K8S_LABEL_VALUE.test(String(v)) || String(v).length > 63) out.push(`${id} metadata label ${k}=${JSON.stringify(v)} is not a valid Kubernetes label value`);
      }
      for (const group of m.spec?.groups ?? []) {
        for (const rule of group.rules ?? []) {
          out.push(...promqlErrors(String(rule.expr)).map((e) => `${id} ${rule.alert}: ${e}`));
          for (const [k, v] of Object.entries(rule.labels ?? {})) {
            if (!PROM_LABEL_NAME.test(k)) out.push(`${id} ${rule.alert}: label name ${JSON.stringify(k)} is not a Prometheus label name`);
            if (typeof v !== 'string' || !wellFormed(v)) out.push(`${id} ${rule.alert}: label ${k} value ${JSON.stringify(v)} is not valid UTF-8 text`);
          }
        }
      }
    }
  }
  return out;
}

/** The oracle: a clear error, or valid output. Returns what is wrong (empty: fine). */
export function checkOutcome(outcome: SynthOutcome, inputHasNaN = false): string[] {
  if (outcome.error) return unclearError(outcome.error, inputHasNaN);
  return invalidOutput(outcome.manifests ?? [], outcome.minor);
}
