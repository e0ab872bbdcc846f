/**
 * Alert thresholds as pure functions of the rendered spec (alerts.md §7.3): seconds in, seconds out.
 */

/** What a CronJob's thresholds depend on. */
export interface CronJobAlertInputs {
  /** Longest gap between two scheduled runs in the CronJob's time zone (DST included). */
  readonly maxIntervalSeconds: number;
  /** Shortest gap between two scheduled runs. */
  readonly minIntervalSeconds: number;
  readonly startingDeadlineSeconds?: number;
  readonly activeDeadlineSeconds?: number;
  readonly successfulJobsHistoryLimit?: number;
  readonly failedJobsHistoryLimit?: number;
  readonly concurrencyPolicy?: string;
  /** Failed runs in a row tolerated before CronJobNotSucceededRecently. @default 1 */
  readonly toleratedFailures?: number;
  /** Expected run time when there is no activeDeadlineSeconds. @default maxIntervalSeconds */
  readonly maxRunSeconds?: number;
  /** How long a run's pods may wait (Pending) before CronJobPodsStuck. @default podsStuckDefault(...) */
  readonly podsStuckSeconds?: number;
}

export interface CronJobThresholds {
  /** CronJobNotSucceededRecently: (toleratedFailures + 1) x maxInterval + maxRun. */
  readonly successSeconds: number;
  /** CronJobMissedSchedule: (startingDeadlineSeconds ?? 300) + 300. */
  readonly graceSeconds: number;
  /**
   * CronJobMissedSchedule: no run scheduled (and no successful manual run started) for longer than
   * the longest gap between two runs plus the grace: maxInterval + grace.
   */
  readonly missedSeconds: number;
  /** CronJobMissedSchedule suspension look-back: maxInterval + grace. */
  readonly windowSeconds: number;
  /** CronJobPodsStuck: how long a run's pod may stay Pending. */
  readonly podsStuckSeconds: number;
  /** CronJobRunTooLong: activeDeadlineSeconds + 300, else maxRunSeconds. */
  readonly runSeconds: number;
  /** CronJobSuspendedTooLong: max(1 day, 2 x maxInterval). */
  readonly suspendedSeconds: number;
  /** CronJobTooManyJobs: history limits + the runs that can be active at once. */
  readonly maxJobs: number;
}

/** Kubernetes defaults when the fields are not set. */
const K8S_SUCCESSFUL_HISTORY = 3;
const K8S_FAILED_HISTORY = 1;
const DEFAULT_GRACE = 300;

export function cronJobThresholds(i: CronJobAlertInputs): CronJobThresholds {
  const maxRun = i.activeDeadlineSeconds ?? i.maxRunSeconds ?? i.maxIntervalSeconds;
  const grace = (i.startingDeadlineSeconds ?? DEFAULT_GRACE) + DEFAULT_GRACE;
  const run = i.activeDeadlineSeconds !== undefined ? i.activeDeadlineSeconds + DEFAULT_GRACE : (i.maxRunSeconds ?? i.maxIntervalSeconds);
  // With Allow, runs overlap: as many can be active as fit in one run time.
  const active = (i.concurrencyPolicy ?? 'Allow') === 'Allow' && i.minIntervalSeconds > 0 ? Math.max(1, Math.ceil(run / i.minIntervalSeconds)) : 1;
  return {
    successSeconds: ((i.toleratedFailures ?? 1) + 1) * i.maxIntervalSeconds + maxRun,
    graceSeconds: grace,
    missedSeconds: i.maxIntervalSeconds + grace,
    windowSeconds: i.maxIntervalSeconds + grace,
    podsStuckSeconds: i.podsStuckSeconds ?? podsStuckDefault(i.activeDeadlineSeconds, i.minIntervalSeconds),
    runSeconds: run,
    suspendedSeconds: Math.max(86400, 2 * i.maxIntervalSeconds),
    maxJobs: (i.successfulJobsHistoryLimit ?? K8S_SUCCESSFUL_HISTORY) + (i.failedJobsHistoryLimit ?? K8S_FAILED_HISTORY) + active,
  };
}

/** What a standalone Job's thresholds depend on. */
export interface JobAlertInputs {
  readonly activeDeadlineSeconds?: number;
  readonly ttlSecondsAfterFinished?: number;
  /** Expected run time when there is no activeDeadlineSeconds. @default 3600 */
  readonly maxRunSeconds?: number;
  /** How long the Job's pods may wait (Pending) before JobPodsStuck. @default podsStuckDefault(activeDeadlineSeconds) */
  readonly podsStuckSeconds?: number;
}

export interface JobThresholds {
  /** JobNotFinished: activeDeadlineSeconds + 300, else maxRunSeconds. */
  readonly runSeconds: number;
  /** JobNotCleanedUp: ttlSecondsAfterFinished + 3600 (only when a TTL is set). */
  readonly ttlSeconds?: number;
  /** JobPodsStuck: how long the Job's pod may stay Pending. */
  readonly podsStuckSeconds: number;
}

export function jobThresholds(i: JobAlertInputs): JobThresholds {
  return {
    runSeconds: i.activeDeadlineSeconds !== undefined ? i.activeDeadlineSeconds + DEFAULT_GRACE : (i.maxRunSeconds ?? 3600),
    ttlSeconds: i.ttlSecondsAfterFinished !== undefined ? i.ttlSecondsAfterFinished + 3600 : undefined,
    podsStuckSeconds: i.podsStuckSeconds ?? podsStuckDefault(i.activeDeadlineSeconds),
  };
}

const PODS_STUCK_DEFAULT = 600;
const PODS_STUCK_MIN = 120;

/**
 * Default time a run's pods may stay Pending (unschedulable, image pull back-off, missing Secret or
 * ConfigMap key, ...) before paging: 10 minutes (room for a slow image pull and a node scale-up),
 * but at most a quarter of activeDeadlineSeconds and half the shortest gap between runs, so the
 * alert comes well before the deadline kills the run or the next run is due; never below 2 minutes.
 */
export function podsStuckDefault(activeDeadlineSeconds?: number, minIntervalSeconds?: number): number {
  let t = PODS_STUCK_DEFAULT;
  if (activeDeadlineSeconds !== undefined) t = Math.min(t, Math.floor(activeDeadlineSeconds / 4));
  if (minIntervalSeconds !== undefined && minIntervalSeconds > 0) t = Math.min(t, Math.floor(minIntervalSeconds / 2));
  return Math.max(PODS_STUCK_MIN, t);
}

/** A duration in Prometheus' format (valid for the PrometheusRule CRD's `for`): 1h30m, 5m, 90s. */
export function promDuration(seconds: number): string {
  if (seconds <= 0) return '0s';
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('');
}
