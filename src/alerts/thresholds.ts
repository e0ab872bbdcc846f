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
}

export interface CronJobThresholds {
  /** CronJobNotSucceededRecently: (toleratedFailures + 1) x maxInterval + maxRun. */
  readonly successSeconds: number;
  /** CronJobMissedSchedule: (startingDeadlineSeconds ?? 300) + 300. */
  readonly graceSeconds: number;
  /** CronJobMissedSchedule suspension look-back: maxInterval + grace. */
  readonly windowSeconds: number;
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
    windowSeconds: i.maxIntervalSeconds + grace,
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
}

export interface JobThresholds {
  /** JobNotFinished: activeDeadlineSeconds + 300, else maxRunSeconds. */
  readonly runSeconds: number;
  /** JobNotCleanedUp: ttlSecondsAfterFinished + 3600 (only when a TTL is set). */
  readonly ttlSeconds?: number;
}

export function jobThresholds(i: JobAlertInputs): JobThresholds {
  return {
    runSeconds: i.activeDeadlineSeconds !== undefined ? i.activeDeadlineSeconds + DEFAULT_GRACE : (i.maxRunSeconds ?? 3600),
    ttlSeconds: i.ttlSecondsAfterFinished !== undefined ? i.ttlSecondsAfterFinished + 3600 : undefined,
  };
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
