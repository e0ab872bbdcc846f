import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'yaml';
import { cronJob, DAYS, FROM, springFleet } from './fleet';
import { buildProgram } from '../../src/cli/main';
import { ReportRunOptions, runReport } from '../../src/cli/report-command';

function fleetDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-cli-'));
  const fleet = springFleet();
  // Two files, one of them a kubectl-style List, plus a Job and a Service that are not CronJobs.
  fs.writeFileSync(path.join(dir, 'a.yaml'), fleet.slice(0, 8).map((m) => yaml.stringify(m)).join('---\n'));
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'sub', 'b.yaml'), yaml.stringify({ apiVersion: 'v1', kind: 'List', items: fleet.slice(8) })
    + '---\n' + yaml.stringify({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once' }, spec: {} })
    + '---\n' + yaml.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } }));
  return dir;
}

function run(paths: string[], over: Partial<ReportRunOptions> = {}) {
  let out = '';
  let err = '';
  const options: ReportRunOptions = { format: 'json', from: FROM, days: DAYS, zone: 'UTC', pileUpThreshold: 5, ...over };
  const code = runReport(paths, options, (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
}

describe('cdk8s-batch report', () => {
  const dir = fleetDir();

  test('JSON: every CronJob from files, folders and Lists, with runs and findings', () => {
    const r = run([dir]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.window).toEqual({ from: '2026-03-23T00:00:00.000Z', to: '2026-03-30T00:00:00.000Z', zone: 'UTC' });
    expect(j.cronJobs).toHaveLength(16);
    expect(j.cronJobs.find((c: any) => c.key === 'billing/invoice').runs).toHaveLength(6);
    expect(j.cronJobs.find((c: any) => c.key === 'billing/invoice').source).toMatch(/sub[/\\]b\.yaml:\d+$/);
    expect(j.skipped).toEqual([{ cronJob: 'billing/invoice', localTime: '2026-03-29 02:00', at: '2026-03-29T01:00:00.000Z' }]);
    expect(j.load.peaks[0]).toMatchObject({ count: 7, time: '00:00', zone: 'UTC', days: 7 });
    expect(j.findings.map((f: any) => f.ruleId).sort()).toEqual(['dst-overlap', ...Array(7).fill('schedule-pile-up')]);
  });

  test('Markdown is short enough for a PR comment and names the peak', () => {
    const r = run([dir], { format: 'markdown' });
    expect(r.out).toContain('**7 CronJobs start at 00:00 UTC (on 7 days)**');
    expect(r.out).toContain('1 run(s) skipped (billing/invoice 2026-03-29 02:00)');
    expect(r.out.split('\n').length).toBeLessThan(40);
    expect(r.out.length).toBeLessThan(4000);
  });

  test('--zone moves the axis and the peaks into that zone', () => {
    const j = JSON.parse(run([dir], { zone: 'Europe/Berlin' }).out);
    expect(j.load.peaks[0]).toMatchObject({ count: 7, time: '01:00', zone: 'Europe/Berlin' });
  });

  test('HTML to --output, self-contained', () => {
    const out = path.join(dir, 'out', 'fleet.html');
    const r = run([dir], { format: 'html', output: out });
    expect(r.code).toBe(0);
    expect(r.err).toContain('16 CronJob(s), 8 finding(s) ->');
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    // Nothing to fetch: no external src/href, only in-page anchors.
    expect(html).not.toMatch(/\s(src|href)="(?!#)/);
    expect(html).not.toMatch(/url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  test('default window: the coming week from the next midnight UTC', () => {
    let out = '';
    runReport([dir], { format: 'json', days: 7, zone: 'UTC', pileUpThreshold: 5 }, (s) => { out += s; }, () => undefined, new Date('2026-06-10T15:00:00Z'));
    expect(JSON.parse(out).window.from).toBe('2026-06-11T00:00:00.000Z');
  });

  test('unreadable input: exit 2 and a one-line message', () => {
    const r = run([path.join(dir, 'missing.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^cdk8s-batch report: .*missing\.yaml: does not exist\. Fix: /);
  });

  test.each([
    [['--days', '0'], /--days.*must be a whole number of days from 1 to 62/],
    [['--zone', 'Mars/Olympus'], /--zone.*must be an IANA time zone/],
    [['--from', 'tomorrow'], /--from.*must be an ISO 8601 time/],
    [['--format', 'pdf'], /--format.*Allowed choices are html, markdown, json/],
  ])('bad option %j is a usage error', async (args, message) => {
    const program = buildProgram().exitOverride();
    let err = '';
    program.configureOutput({ writeErr: (s) => { err += s; }, writeOut: () => undefined });
    for (const c of program.commands) c.exitOverride().configureOutput({ writeErr: (s) => { err += s; }, writeOut: () => undefined });
    await expect(program.parseAsync(['node', 'cdk8s-batch', 'report', dir, ...args])).rejects.toThrow();
    expect(err).toMatch(message);
  });
});

describe('Markdown on a big fleet', () => {
  test('stays short: at most 15 incidents listed, the rest counted', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-big-'));
    const docs: string[] = [];
    // 20 piles of 6 CronJobs (one per hour and a bit), 120 CronJobs, 20 incidents.
    for (let p = 0; p < 20; p++) {
      for (let i = 0; i < 6; i++) docs.push(yaml.stringify(cronJob(`team-${p}`, `job-${i}`, `${p} ${p % 24} * * *`, { ads: 300 })));
    }
    fs.writeFileSync(path.join(dir, 'big.yaml'), docs.join('---\n'));
    const r = run([dir], { format: 'markdown' });
    expect(r.out).toContain('**120 finding(s)** on 120 CronJob(s)');
    expect(r.out.match(/^- `schedule-pile-up`/gm)).toHaveLength(15);
    expect(r.out).toContain('- … and 5 more (see the HTML or JSON report)');
    expect(r.out.length).toBeLessThan(12000);
  });
});
