import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { chart, container, requests, thrown } from './helpers';
import { KubernetesVersion, ProductionCronJob } from '../../src';
import { expectProductionReady } from '../support/manifests';

const cron = (props: Partial<ConstructorParameters<typeof ProductionCronJob>[2]> = {}, c = chart()) => {
  const cj = new ProductionCronJob(c, 'report', { schedule: '0 2 * * *', activeDeadline: Duration.minutes(30), containers: [container()], ...props });
  return { c, cj, m: () => Testing.synth(c)[0] };
};

describe('ProductionCronJob defaults', () => {
  const { c, cj, m } = cron();
  const spec = m().spec;
  test('is production ready', () => expectProductionReady(Testing.synth(c)));
  test('CronJob settings', () => {
    expect(spec).toMatchObject({
      schedule: '0 2 * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      suspend: false,
    });
  });
  test('the job template has the ProductionJob defaults but no TTL (history limits clean up)', () => {
    const job = spec.jobTemplate.spec;
    expect(job).toMatchObject({ activeDeadlineSeconds: 1800, backoffLimit: 2, podFailurePolicy: { rules: [{ action: 'Ignore' }] } });
    expect(job.ttlSecondsAfterFinished).toBeUndefined();
    expect(job.template.spec).toMatchObject({ restartPolicy: 'Never', automountServiceAccountToken: false });
  });
  test('exposes the parsed schedule in its zone', () => {
    expect(cj.cronSchedule.next(new Date('2026-01-01T00:00:00Z'), 1)).toEqual([new Date('2026-01-01T02:00:00Z')]);
    expect(cj.resource.kind).toBe('CronJob');
  });
});

describe('ProductionCronJob overrides', () => {
  test('descriptors and @every render as written', () => {
    expect(cron({ schedule: '@daily' }).m().spec.schedule).toBe('@daily');
    expect(cron({ schedule: '@every 1h30m' }).m().spec.schedule).toBe('@every 1h30m');
  });
  test('time zone, policy, deadlines, history, suspend, ttl', () => {
    const { m } = cron({
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: kplus.ConcurrencyPolicy.REPLACE,
      startingDeadline: Duration.minutes(1),
      successfulJobsRetained: 1,
      failedJobsRetained: 5,
      suspend: true,
      ttlAfterFinished: Duration.days(2),
      backoffLimit: 0,
    });
    expect(m().spec).toMatchObject({
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Replace',
      startingDeadlineSeconds: 60,
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 5,
      suspend: true,
      jobTemplate: { spec: { ttlSecondsAfterFinished: 172800, backoffLimit: 0 } },
    });
  });
  test('sidecars and secrets', () => {
    const c = chart();
    const { cj, m } = cron({}, c);
    cj.addSidecar({ name: 'proxy', image: 'proxy:1', resources: requests() });
    cj.addSecretEnv('API_TOKEN', kplus.Secret.fromSecretName(c, 's', 'api'), 'token');
    const pod = m().spec.jobTemplate.spec.template.spec;
    expect(pod.initContainers[0].restartPolicy).toBe('Always');
    expect(pod.containers[0].env[0].valueFrom.secretKeyRef).toEqual({ name: 'api', key: 'token' });
  });
});

describe('ProductionCronJob errors', () => {
  test.each([
    ['7 as Sunday', { schedule: '0 0 * * 7' }, 'test/report: schedule is not a schedule Kubernetes accepts: end of range (7) above maximum (6): 7 (got "0 0 * * 7"). Fix: use 0-6 for the day of the week'],
    ['six fields', { schedule: '0 0 2 * * *' }, 'expected exactly 5 fields, found 6'],
    ['TZ in schedule', { schedule: 'TZ=UTC 0 2 * * *' }, 'schedule must not contain TZ or CRON_TZ (the API server rejects it)'],
    ['empty schedule', { schedule: '' }, 'test/report: schedule is required'],
    ['unknown zone', { timeZone: 'Mars/Olympus' }, 'test/report: timeZone is not a time zone Kubernetes accepts: unknown time zone Mars/Olympus'],
    ['wrong case zone', { timeZone: 'europe/berlin' }, 'unknown time zone europe/berlin'],
    ['Local zone', { timeZone: 'Local' }, 'timeZone must be an explicit time zone'],
    ['starting deadline under 10 s', { startingDeadline: Duration.seconds(5) }, 'test/report: startingDeadline must be a whole number of seconds, at least 10'],
    ['negative history', { failedJobsRetained: -1 }, 'failedJobsRetained must be a whole number from 0 (got -1)'],
    ['restartPolicy Always', { restartPolicy: kplus.RestartPolicy.ALWAYS }, 'restartPolicy must be Never'],
    ['missing requests', { containers: [{ name: 'main', image: 'app:1' }] }, 'test/report: jobTemplate.containers[main].resources must request cpu and memory'],
    ['name over 52 characters', { metadata: { name: 'r'.repeat(53) } }, 'metadata.name must be at most 52 characters (the CronJob controller appends an 11-character suffix'],
  ])('%s', (_name, props, message) => {
    const e = thrown(() => cron(props as any));
    expect(e.message).toContain(message);
    expect(e.stack).not.toMatch(/\n\s+at /);
  });

  test('52 characters is fine', () => expect(() => cron({ metadata: { name: 'r'.repeat(52) } })).not.toThrow());

  test('a sidecar on 1.28', () => {
    const { cj } = cron({ targetVersion: KubernetesVersion.V1_28 });
    expect(thrown(() => cj.addSidecar({ name: 'p', image: 'p:1', resources: requests() }), cj).message).toMatch(/needs Kubernetes 1\.29 or newer/);
  });
});
