import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'yaml';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parser } = require('@prometheus-io/lezer-promql');

/** Syntax errors of a PromQL expression (empty = parses), with the position of each. */
export function promqlErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter: (node: any) => {
      if (node.type.isError) errors.push(`syntax error at ${node.from}: ...${expr.slice(Math.max(0, node.from - 20), node.from + 20)}...`);
    },
  });
  return errors;
}

/** Prometheus' humanizeDuration template function. */
export function humanizeDuration(v: number): string {
  if (v === 0) return '0s';
  const sign = v < 0 ? '-' : '';
  const abs = Math.abs(v);
  if (abs < 1) return `${sign}${abs}s`;
  const d = Math.floor(abs);
  const s = d % 60;
  const m = Math.floor(d / 60) % 60;
  const h = Math.floor(d / 3600) % 24;
  const days = Math.floor(d / 86400);
  if (days) return `${sign}${days}d ${h}h ${m}m ${s}s`;
  if (h) return `${sign}${h}h ${m}m ${s}s`;
  if (m) return `${sign}${m}m ${s}s`;
  return `${sign}${Number(abs.toPrecision(4))}s`;
}

/** Prometheus' humanizeTimestamp template function (UTC, as promtool renders it). */
export function humanizeTimestamp(v: number): string {
  return new Date(v * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC');
}

/** Renders the few template constructs the rules use, for expected annotations. */
export function renderTemplate(text: string, value: number, labels: Record<string, string>): string {
  return text
    .replace(/\{\{ \$value \| humanizeDuration \}\}/g, humanizeDuration(value))
    .replace(/\{\{ \$value \| humanizeTimestamp \}\}/g, humanizeTimestamp(value))
    .replace(/\{\{ \$value \}\}/g, String(value))
    .replace(/\{\{ \$labels\.(\w+) \}\}/g, (_m, k) => labels[k]);
}

const KSM = { job: 'kube-state-metrics' };

/** One input series: kube-state-metrics labels plus `labels`, present from `from` to `to` (in steps). */
export function series(metric: string, labels: Record<string, string>, segments: Array<[from: number, to: number, value: number]>, instance = 'ksm-a:8080'): { series: string; values: string } {
  const all = { ...KSM, instance, ...labels };
  const text = `${metric}{${Object.entries(all).map(([k, v]) => `${k}="${v}"`).join(',')}}`;
  const parts: string[] = [];
  let at = 0;
  for (const [from, to, value] of segments) {
    if (from > at) parts.push(`_x${from - at}`);
    parts.push(`${value}x${to - from}`);
    at = to + 1;
  }
  return { series: text, values: parts.join(' ') };
}

/** The same series from two kube-state-metrics replicas (HA scrape). */
export function duplicated(s: ReturnType<typeof series>): Array<ReturnType<typeof series>> {
  return [s, { ...s, series: s.series.replace('instance="ksm-a:8080"', 'instance="ksm-b:8080"') }];
}

export interface RuleGroup {
  name: string;
  rules: Array<{ alert: string; expr: string; for?: string; labels: Record<string, string>; annotations: Record<string, string> }>;
}

/**
 * The order promtool evaluates the groups in at each step: groups of recording rules only (the
 * SHARED threshold series) first, then the rest, each in file order. promtool evaluates the groups
 * it is not told about in random order, and the stories here step 10 minutes at a time: an alert
 * evaluated before the thresholds of the same step would read the previous step's, older than
 * Prometheus' 5-minute look-back, and see none. In a real Prometheus (interval 30 s or 1 m) the
 * previous evaluation's thresholds are fresh whatever the order; the README says SHARED needs an
 * interval under 5 minutes.
 */
export function groupEvalOrder(groups: RuleGroup[]): string[] {
  const recordsOnly = (g: RuleGroup) => g.rules.length > 0 && g.rules.every((r) => 'record' in r);
  return [...groups.filter(recordsOnly), ...groups.filter((g) => !recordsOnly(g))].map((g) => g.name);
}

/** Runs `promtool check rules` and `promtool test rules`; returns the output and exit codes. */
export function promtool(groups: RuleGroup[], tests: any[], evaluationInterval = '1m'): { check: number; test: number; output: string } {
  const which = spawnSync('promtool', ['--version']);
  if (which.error || which.status !== 0) {
    throw new Error('promtool not found: install it with `apt-get install -y prometheus` (Debian package; provides /usr/bin/promtool), or run `npx projen test`, which installs it');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-batch-promtool-'));
  if (process.env.PROMTOOL_KEEP) process.stderr.write(`promtool files in ${dir}\n`);
  fs.writeFileSync(path.join(dir, 'rules.yaml'), yaml.stringify({ groups }));
  fs.writeFileSync(path.join(dir, 'tests.yaml'), yaml.stringify({ rule_files: ['rules.yaml'], evaluation_interval: evaluationInterval, group_eval_order: groupEvalOrder(groups), tests }));
  const check = spawnSync('promtool', ['check', 'rules', 'rules.yaml'], { cwd: dir, encoding: 'utf8' });
  const test = spawnSync('promtool', ['test', 'rules', 'tests.yaml'], { cwd: dir, encoding: 'utf8' });
  return { check: check.status ?? -1, test: test.status ?? -1, output: `${check.stdout}${check.stderr}\n${test.stdout}${test.stderr}` };
}

/** The series a SHARED recording rule yields: `vector(N)` per line, labelled by `label_replace`, joined by `or`. */
export function recordedSeries(expr: string): Array<{ value: number; labels: Record<string, string> }> {
  return expr.split('\nor\n').map((one) => ({
    value: Number(/vector\((\d+)\)/.exec(one)![1]),
    labels: Object.fromEntries([...one.matchAll(/, "(\w+)", "((?:[^"\\]|\\.)*)", "", ""\)/g)].map((m) => [m[1], m[2]])),
  }));
}
