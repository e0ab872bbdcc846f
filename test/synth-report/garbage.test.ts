import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  BatchValidation, DatabaseMigrationJob, HistoryCleanupCronJob, IndexedShardJob, IndexRefreshCronJob, NightlyReportCronJob,
  ObjectStorageBackupJob, ProductionCronJob, ProductionJob, ShardedSpotJob, SpotTolerantJob, WorkQueueJob,
} from '../../src';

// Whatever a JavaScript user passes, construction goes on (so the rest of the app is checked) and
// synth fails with the one report, never a TypeError from deep inside.
const constructs: Array<[string, new (scope: Construct, id: string, props: any) => Construct]> = [
  ['ProductionJob', ProductionJob], ['ProductionCronJob', ProductionCronJob], ['IndexedShardJob', IndexedShardJob],
  ['SpotTolerantJob', SpotTolerantJob], ['DatabaseMigrationJob', DatabaseMigrationJob], ['NightlyReportCronJob', NightlyReportCronJob],
  ['HistoryCleanupCronJob', HistoryCleanupCronJob], ['IndexRefreshCronJob', IndexRefreshCronJob], ['ObjectStorageBackupJob', ObjectStorageBackupJob],
  ['ShardedSpotJob', ShardedSpotJob], ['WorkQueueJob', WorkQueueJob],
];
const garbage: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['empty', {}],
  ['numbers for everything', { activeDeadline: 60, schedule: 5, image: 3, resources: 'big', shards: '4', workers: '2', timeZone: 1, ttlAfterFinished: 10 }],
  ['wrong shapes', { containers: 'app:1', metadata: { name: 'Not A Name' }, alerts: { severityOverrides: { Nope: 'loud' }, disabledAlerts: 'all' } }],
  ['a null container', { containers: [null], initContainers: [{}] }],
  ['typos', { activeDeadlineSeconds: 60, imag: 'a:1', resource: {}, schedul: '0 0 * * *' }],
];

describe.each(constructs)('%s', (_name, Ctor) => {
  test.each(garbage)('%s: constructs, and synth reports BatchConfigError', (_what, props) => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => new Ctor(chart, 'w', props)).not.toThrow();
    new ProductionJob(chart, 'later', { metadata: { name: 'x'.repeat(70) } } as any); // still checked
    expect(BatchValidation.problems(chart).length).toBeGreaterThan(0);
    let error: any;
    try {
      Testing.synth(chart);
    } catch (e) {
      error = e;
    }
    expect(error?.name).toBe('BatchConfigError');
    expect(error.message).toContain('c/later: metadata.name must be at most 63 characters');
  });
});
