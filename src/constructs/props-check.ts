import * as kplus from 'cdk8s-plus-28';
import type { IndexedShardJobProps } from './indexed-shard-job';
import type { ProductionJobOptions } from './job-template';
import type { ProductionCronJobProps } from './production-cron-job';
import type { ProductionJobProps } from './production-job';
import type { CheckpointOptions, SpotTolerantJobProps } from './spot-tolerant-job';
import { AlertOptions } from '../alerts/batch-alerts';
import { AlertSeverity, BatchAlert } from '../alerts/rules';
import type { PresetProps } from '../presets/common';
import type { DatabaseMigrationJobProps } from '../presets/database-migration-job';
import type { HistoryCleanupCronJobProps } from '../presets/history-cleanup-cron-job';
import type { IndexRefreshCronJobProps } from '../presets/index-refresh-cron-job';
import type { NightlyReportCronJobProps } from '../presets/nightly-report-cron-job';
import type { ObjectStorageBackupJobProps } from '../presets/object-storage-backup-job';
import type { OneOffJobOptions } from '../presets/one-off-job';
import type { ShardedSpotJobProps } from '../presets/sharded-spot-job';
import type { WorkQueueJobProps } from '../presets/work-queue-job';
import { append } from '../util/append';
import { ConfigErrorDetails } from '../util/errors';
import { nearestName } from '../util/nearest-name';

/**
 * Props checks for JavaScript users and typos: TypeScript rejects an unknown prop in an object
 * literal, JavaScript (and a props object built elsewhere) does not, and the construct would
 * silently use its default. Each props interface's keys are listed once below; the mapped type
 * makes the compiler reject a list that misses a key or names one the interface does not have.
 */
export type PropKind = 'duration' | 'number' | 'string' | 'boolean' | 'array' | 'any' | PropSpec;

/** What each key of a props object holds. */
export interface PropSpec {
  readonly [key: string]: PropKind;
}

/** The spec of props interface `T`: every key and what it holds. */
export type SpecOf<T> = { readonly [K in keyof Required<T>]-?: PropKind };

/** The spec of props interface `T` (the compiler checks that the key list is exactly T's keys). */
export function propSpec<T>(spec: SpecOf<T>): SpecOf<T> {
  return spec;
}

const RESOURCES = propSpec<kplus.ContainerResources>({ cpu: 'any', memory: 'any', ephemeralStorage: 'any' });

const CONTAINER = propSpec<kplus.ContainerProps>({
  args: 'array',
  command: 'array',
  envFrom: 'array',
  envVariables: 'any',
  imagePullPolicy: 'string',
  lifecycle: 'any',
  liveness: 'any',
  name: 'string',
  port: 'number',
  portNumber: 'number',
  ports: 'array',
  readiness: 'any',
  resources: RESOURCES,
  restartPolicy: 'string',
  securityContext: 'any',
  startup: 'any',
  volumeMounts: 'array',
  workingDir: 'string',
  image: 'string',
});

/** Containers are checked one by one when they are added (see `checkContainerProps`). */
const CONTAINERS = 'array';

const WORKLOAD = propSpec<kplus.WorkloadProps>({
  metadata: 'any',
  automountServiceAccountToken: 'boolean',
  containers: CONTAINERS,
  dns: 'any',
  dockerRegistryAuth: 'any',
  hostAliases: 'array',
  hostNetwork: 'boolean',
  initContainers: CONTAINERS,
  isolate: 'boolean',
  restartPolicy: 'string',
  securityContext: 'any',
  serviceAccount: 'any',
  terminationGracePeriod: 'duration',
  volumes: 'array',
  podMetadata: 'any',
  select: 'boolean',
  spread: 'boolean',
});

const JOB_OPTIONS = propSpec<ProductionJobOptions>({
  activeDeadline: 'duration',
  backoffLimit: 'number',
  nonRetryableExitCodes: 'array',
  nonRetryableExitCodesContainer: 'string',
  podFailurePolicy: 'any',
  ignoreDisruptions: 'boolean',
  writableTmp: 'boolean',
  targetVersion: 'any',
});

/** AlertOptions: keep in step with src/alerts/batch-alerts.ts (the compiler says when it is not). */
const ALERT_OPTIONS = propSpec<AlertOptions>({
  enabled: 'boolean',
  podsStuckSeconds: 'number',
  kubeStateMetricsVersion: 'string',
  representation: 'string',
  disabledAlerts: 'array',
  severityOverrides: 'any',
  labels: 'any',
  ruleLabels: 'any',
  runbookBaseUrl: 'string',
  kubeStateMetricsSelector: 'string',
  clusterLabel: 'string',
  toleratedFailures: 'number',
  maxRunSeconds: 'number',
});

export const PRODUCTION_JOB = propSpec<ProductionJobProps>({ ...WORKLOAD, ...JOB_OPTIONS, ttlAfterFinished: 'duration', alerts: ALERT_OPTIONS, updateStrategy: 'any' });

export const PRODUCTION_CRON_JOB = propSpec<ProductionCronJobProps>({
  ...WORKLOAD,
  ...JOB_OPTIONS,
  schedule: 'string',
  timeZone: 'string',
  concurrencyPolicy: 'string',
  startingDeadline: 'duration',
  successfulJobsRetained: 'number',
  failedJobsRetained: 'number',
  suspend: 'boolean',
  ttlAfterFinished: 'duration',
  alerts: ALERT_OPTIONS,
});

export const INDEXED_SHARD_JOB = propSpec<IndexedShardJobProps>({ ...PRODUCTION_JOB, shards: 'number', parallelism: 'number', backoffLimitPerIndex: 'number', maxFailedIndexes: 'number', spot: 'any' });

export const SPOT_TOLERANT_JOB = propSpec<SpotTolerantJobProps>({
  ...PRODUCTION_JOB, spot: 'any', requireSpot: 'boolean', checkpoint: propSpec<CheckpointOptions>({ claimName: 'string', mountPath: 'string' }),
});

const PRESET = propSpec<PresetProps>({
  image: 'string',
  resources: RESOURCES,
  command: 'array',
  args: 'array',
  secretEnv: 'any',
  env: 'any',
  queueName: 'string',
  alerts: ALERT_OPTIONS,
  targetVersion: 'any',
  name: 'string',
  namespace: 'string',
  serviceAccountName: 'string',
});

const SCHEDULED_PRESET = { ...PRESET, schedule: 'string', timeZone: 'string', activeDeadline: 'duration' } as const;

/** Specs of the presets' props, by preset. */
export const PRESETS = {
  databaseMigration: propSpec<DatabaseMigrationJobProps>({ ...PRESET, doNotRetryExitCode: 'number', activeDeadline: 'duration', ttlAfterFinished: 'duration', updateStrategy: 'any' }),
  historyCleanup: propSpec<HistoryCleanupCronJobProps>(SCHEDULED_PRESET),
  indexRefresh: propSpec<IndexRefreshCronJobProps>(SCHEDULED_PRESET),
  nightlyReport: propSpec<NightlyReportCronJobProps>(SCHEDULED_PRESET),
  objectStorageBackup: propSpec<ObjectStorageBackupJobProps>({ ...PRESET, target: 'string', activeDeadline: 'duration', updateStrategy: 'any' }),
  shardedSpot: propSpec<ShardedSpotJobProps>({ ...PRESET, shards: 'number', spot: 'any', parallelism: 'number', backoffLimitPerIndex: 'number', activeDeadline: 'duration', updateStrategy: 'any' }),
  workQueue: propSpec<WorkQueueJobProps>({ ...PRESET, workers: 'number', activeDeadline: 'duration', updateStrategy: 'any' }),
  oneOff: propSpec<OneOffJobOptions>({ name: 'string', alerts: ALERT_OPTIONS, updateStrategy: 'any', ttlAfterFinished: 'duration' }),
};

/** The result of a props check: the problems, and the props without the keys that are unknown or of the wrong kind. */
export interface CheckedProps<T> {
  readonly props: T;
  readonly problems: ConfigErrorDetails[];
}

/**
 * Checks `props` against `spec`: unknown keys (with the nearest known name), values of the wrong
 * kind (a number where a Duration is expected), alert names. Returns the props with the bad keys
 * removed, so the construct can go on with its defaults and later constructs still get checked.
 */
export function checkProps<T>(path: string, typeName: string, props: T | undefined, spec: PropSpec, fieldPrefix = ''): CheckedProps<T> {
  const problems: ConfigErrorDetails[] = [];
  if (props === undefined || props === null) return { props: {} as T, problems };
  if (typeof props !== 'object' || Array.isArray(props)) {
    problems.push({ path, field: fieldPrefix.replace(/\.$/, '') || 'props', value: props, problem: `must be an object (${typeName})`, fix: 'pass the props as an object literal' });
    return { props: {} as T, problems };
  }
  const clean: Record<string, unknown> = {};
  const given = props as Record<string, unknown>;
  const keys = Object.keys(given);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = given[key];
    const field = fieldPrefix === '' ? key : `${fieldPrefix}${key}`;
    const kind = Object.prototype.hasOwnProperty.call(spec, key) ? spec[key] : undefined;
    if (kind === undefined) {
      problems.push(unknownKey(path, field, key, value, typeName, Object.keys(spec)));
      continue;
    }
    const problem = kindProblem(path, field, value, kind);
    if (problem) {
      problems.push(problem);
      continue;
    }
    if (typeof kind === 'object' && value !== undefined && value !== null) {
      const nested = checkProps(path, `${typeName}.${key}`, value, kind, `${field}.`);
      append(problems, nested.problems);
      clean[key] = nested.props;
    } else {
      clean[key] = value;
    }
  }
  return { props: clean as T, problems };
}

/** Checks one container's props (containers passed in props or to addContainer). */
export function checkContainerProps(path: string, field: string, container: kplus.ContainerProps): CheckedProps<kplus.ContainerProps> {
  return checkProps(path, 'ContainerProps', container, CONTAINER, `${field}.`);
}

/** `severityOverrides` keys and values, `disabledAlerts` entries: alert names the library renders. */
export function checkAlertNames(path: string, field: string, alerts: AlertOptions): ConfigErrorDetails[] {
  const problems: ConfigErrorDetails[] = [];
  const names: string[] = Object.values(BatchAlert);
  const severities: string[] = Object.values(AlertSeverity);
  for (const [name, severity] of Object.entries(alerts.severityOverrides ?? {})) {
    if (!names.includes(name)) {
      problems.push({ path, field: `${field}.severityOverrides.${name}`, value: name, problem: 'is not an alert of cdk8s-batch', fix: suggestion(name, names) });
    } else if (!severities.includes(severity as string)) {
      problems.push({ path, field: `${field}.severityOverrides.${name}`, value: severity, problem: 'must be a severity', fix: `use AlertSeverity.CRITICAL, WARNING or INFO (${severities.join(', ')})` });
    }
  }
  (Array.isArray(alerts.disabledAlerts) ? alerts.disabledAlerts : []).forEach((name, i) => {
    if (!names.includes(name)) problems.push({ path, field: `${field}.disabledAlerts[${i}]`, value: name, problem: 'is not an alert of cdk8s-batch', fix: suggestion(name, names) });
  });
  return problems;
}

function kindProblem(path: string, field: string, value: unknown, kind: PropKind): ConfigErrorDetails | undefined {
  if (value === undefined || kind === 'any') return undefined;
  switch (kind) {
    case 'duration':
      if (value !== null && typeof (value as any).toSeconds === 'function') return undefined;
      return {
        path,
        field,
        value,
        problem: typeof value === 'number' ? 'must be a Duration, not a number (the unit would be a guess)' : 'must be a Duration',
        fix: typeof value === 'number' ? `use Duration.seconds(${value})${value > 0 && value % 60 === 0 ? ` or Duration.minutes(${value / 60})` : ''} (import { Duration } from 'cdk8s')` : 'use e.g. Duration.minutes(30) (import { Duration } from \'cdk8s\')',
      };
    case 'number':
    case 'string':
    case 'boolean':
      return typeof value === kind ? undefined : { path, field, value, problem: `must be a ${kind}`, fix: `pass a ${kind}` };
    case 'array':
      return Array.isArray(value) ? undefined : { path, field, value, problem: 'must be an array', fix: 'pass a list, e.g. [ ... ]' };
    default:
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : { path, field, value, problem: 'must be an object', fix: 'pass an object literal' };
  }
}

function unknownKey(path: string, field: string, key: string, value: unknown, typeName: string, known: string[]): ConfigErrorDetails {
  return { path, field, value, problem: `is not a property of ${typeName}, so it would be ignored`, fix: suggestion(key, known) };
}

/** "did you mean timeZone?" when a known name is close, else the list of known names. */
export function suggestion(name: string, known: string[]): string {
  const nearest = nearestName(name, known);
  return nearest ? `did you mean ${nearest}?` : `use one of: ${[...known].sort().join(', ')}`;
}

/**
 * True when `field` already has a problem, or a misspelt key was reported with `field` as its
 * suggestion: "activeDeadline is required" would only repeat "did you mean activeDeadline?".
 */
export function alreadyReported(problems: ConfigErrorDetails[], field: string): boolean {
  return problems.some((p) => p.field === field || p.fix === `did you mean ${field}?`);
}
