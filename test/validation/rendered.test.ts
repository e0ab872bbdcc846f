import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as yaml from 'yaml';
import { ProductionCronJob, ProductionJob } from '../../src';

// The checks and the alerts share one rendering of a workload per synth (a performance measure):
// a change made between two synths must always be seen, by the checks and by the alerts.
const resources = { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128) } };

function jobApp(): { app: App; chart: Chart; job: ProductionJob } {
  const app = Testing.app();
  const chart = new Chart(app, 'c', { namespace: 'batch' });
  const job = new ProductionJob(chart, 'migrate', { metadata: { name: 'migrate' }, activeDeadline: Duration.minutes(10), containers: [{ image: 'a:1', resources }] });
  return { app, chart, job };
}

// The JobNotFinished threshold series of the Job (shared alert representation, the default).
const notFinishedExpr = (manifests: any[]) => manifests.find((m) => m.kind === 'PrometheusRule').spec.groups[0].rules[0].expr;

test('the alerts see a change made after a synth, in the same tick', () => {
  const { app, chart, job } = jobApp();
  app.synth();
  expect(notFinishedExpr(Testing.synth(chart))).toContain('vector(900), "alert", "JobNotFinished"');
  job.resource.addJsonPatch(JsonPatch.replace('/spec/activeDeadlineSeconds', 1200));
  // 1200 s deadline + 300 s grace: a stale rendering would still give 900.
  expect(notFinishedExpr(Testing.synth(chart))).toContain('vector(1500), "alert", "JobNotFinished"');
  app.synth();
  expect(notFinishedExpr(Testing.synth(chart))).toContain('vector(1500), "alert", "JobNotFinished"');
});

test('the checks see a change made after a synth, in the same tick', () => {
  const { app, job } = jobApp();
  expect(() => app.synth()).not.toThrow();
  job.resource.addJsonPatch(JsonPatch.replace('/spec/backoffLimit', -1));
  expect(() => app.synth()).toThrow(/backoffLimit/);
});

test('what app.synth() writes (checks first, alerts from their rendering) equals a fresh rendering', () => {
  const build = () => {
    const { app, chart } = jobApp();
    const props = { schedule: '30 2 * * *', timeZone: 'Europe/Berlin', activeDeadline: Duration.minutes(45), startingDeadline: Duration.minutes(2) };
    new ProductionCronJob(chart, 'report', { ...props, metadata: { name: 'report' }, successfulJobsRetained: 5, failedJobsRetained: 2, containers: [{ image: 'a:1', resources }] });
    return { app, chart };
  };
  const { app } = build();
  app.synth();
  const written = fs.readdirSync(app.outdir).filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => yaml.parseAllDocuments(fs.readFileSync(path.join(app.outdir, f), 'utf8')).map((d) => d.toJSON()));
  expect(written.filter((m) => m.kind === 'PrometheusRule')).toHaveLength(3); // the Job's, the CronJob's, the shared alert rules
  // The reference: every object rendered directly, without validation (Testing.synth validates too).
  const fresh = build().chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map((o) => o.toJson());
  expect(written).toEqual(expect.arrayContaining(fresh));
  expect(written).toHaveLength(fresh.length);
});

test('after a synth, a direct toJson() of a changed object is fresh (the synth\'s rendering is gone)', () => {
  const { chart, job } = jobApp();
  Testing.synth(chart);
  job.resource.addJsonPatch(JsonPatch.replace('/spec/backoffLimit', 4));
  expect(job.resource.toJson().spec.backoffLimit).toBe(4);
  expect(Testing.synth(chart).find((m) => m.kind === 'Job').spec.backoffLimit).toBe(4);
});

test('one app.synth() of several charts renders and checks each workload once', () => {
  const app = Testing.app();
  const charts = ['a', 'b', 'c'].map((id) => new Chart(app, id, { namespace: id }));
  const jobs = charts.map((c) => new ProductionJob(c, 'job', { activeDeadline: Duration.minutes(10), containers: [{ image: 'a:1', resources }] }));
  const renders = jobs.map((j) => jest.spyOn(j.resource, 'toJson'));
  app.synth();
  // cdk8s validates the whole app once, and again for every chart it writes: without reuse this
  // would be 1 render for the checks + 1 per validation pass + 1 for the file (and one for the alerts).
  for (const spy of renders) expect(spy).toHaveBeenCalledTimes(1);
  // The next synth renders again.
  app.synth();
  for (const spy of renders) expect(spy).toHaveBeenCalledTimes(2);
});

test('a check that fails in the second synth of one tick is reported (validation is not skipped across synths)', () => {
  const { app, job } = jobApp();
  app.synth();
  job.resource.addJsonPatch(JsonPatch.replace('/spec/completions', -3));
  expect(() => app.synth()).toThrow(/completions/);
});
