import { ApiObject, Chart, IAnyProducer, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { checkBatchAlertsProps } from './batch-alerts-props';
import { DEFAULT_KUBE_STATE_METRICS_VERSION, kubeStateMetricsFeatures } from './ksm';
import { alertGroupName, AlertSeverity, BatchAlert, cronJobAlertsOf, cronJobDetails, cronJobRules, jobAlertsOf, jobDetails, jobRules, RenderedGroup, RuleRenderOptions } from './rules';
import { SharedAlertsKey, SharedBatchAlerts, typedMixedGroup } from './shared-alerts';
import { cronJobRecords, jobRecords, RenderedMixedGroup } from './shared-rules';
import { cronJobThresholds, jobThresholds } from './thresholds';
import { PrometheusRule } from '../imports/monitoring.coreos.com';
import { CronSchedule } from '../schedule/cron-schedule';
import { defaultScheduleIntervals } from '../schedule/intervals';
import { copyWith } from '../util/copy-with';
import { BatchConfigError, ConfigErrorDetails } from '../util/errors';
import { expectAlertsRendering, renderedForAlerts, watchSynths } from '../validation/rendered';

/** How the alert rules are laid out in PrometheusRule objects (see the README, "Alerts"). */
export enum AlertRepresentation {
  /**
   * Per workload a small PrometheusRule of recording rules carrying its thresholds as series, and
   * one PrometheusRule per namespace and set of rendering options with the alert rules, shared by
   * every workload: output and rule evaluations do not grow with the expressions' length per workload.
   */
  SHARED = 'Shared',
  /** Per workload a PrometheusRule with its own copy of every alert rule, thresholds inlined. */
  PER_WORKLOAD = 'PerWorkload',
}

/** The representation used when `AlertOptions.representation` is not set. */
export const DEFAULT_ALERT_REPRESENTATION = AlertRepresentation.SHARED;

/** Alert options, shared by the production constructs (`alerts` prop) and `BatchAlerts`. */
export interface AlertOptions {
  /**
   * Generate the PrometheusRule.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Alerts to leave out.
   * @default - none
   */
  readonly disabledAlerts?: BatchAlert[];
  /**
   * Severity per alert name, e.g. `{ CronJobLastRunFailed: 'critical' }`.
   * @default - critical for CronJobNotSucceededRecently and JobFailed, info for the housekeeping alerts, warning otherwise
   */
  readonly severityOverrides?: { [alert: string]: AlertSeverity };
  /**
   * Labels added to every alert for routing (team, service...). A label named `job` is rejected:
   * it would clash with the scrape job label.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Labels on the PrometheusRule object itself, e.g. `{ release: 'kube-prometheus-stack' }` so
   * the operator's ruleSelector picks it up.
   * @default - none
   */
  readonly ruleLabels?: { [key: string]: string };
  /**
   * Base URL of the runbooks: each alert gets `runbook_url: <base>#<AlertName>`.
   * @default - no runbook_url annotation
   */
  readonly runbookBaseUrl?: string;
  /**
   * Extra matchers for every kube-state-metrics selector, e.g. `job="kube-state-metrics"`.
   * @default - none
   */
  readonly kubeStateMetricsSelector?: string;
  /**
   * A label (e.g. `cluster`) kept in every aggregation, for Prometheus/Thanos that see several clusters.
   * @default - none
   */
  readonly clusterLabel?: string;
  /**
   * Failed runs in a row tolerated before CronJobNotSucceededRecently fires.
   * @default 1
   */
  readonly toleratedFailures?: number;
  /**
   * Expected longest run when the spec has no activeDeadlineSeconds (CronJobRunTooLong, JobNotFinished).
   * @default - the longest gap between runs (CronJob), 1 hour (Job)
   */
  readonly maxRunSeconds?: number;
  /**
   * How long a run's pods may wait (Pending, or a container in ImagePullBackOff, ErrImagePull,
   * CreateContainerConfigError, ...) before CronJobPodsStuck / JobPodsStuck fire.
   * @default - 10 minutes, at most a quarter of activeDeadlineSeconds and half the shortest gap between runs, at least 2 minutes
   */
  readonly podsStuckSeconds?: number;
  /**
   * The kube-state-metrics release that scrapes the cluster (e.g. "2.13.0"): the rules use only
   * metrics that release exports (see the README's kube-state-metrics caveats).
   * @default "2.20.0"
   */
  readonly kubeStateMetricsVersion?: string;
  /**
   * How the rules are laid out: SHARED (threshold series per workload, alert rules shared per
   * namespace and options) or PER_WORKLOAD (every workload its own alert rules). Both fire the same
   * alerts with the same labels and annotations.
   * @default AlertRepresentation.SHARED
   */
  readonly representation?: AlertRepresentation;
}

/** Properties of `BatchAlerts`. */
export interface BatchAlertsProps extends AlertOptions {
  /** The Job or CronJob to watch: from this library, cdk8s-plus, or a plain `ApiObject`. */
  readonly target: ApiObject;
}

/**
 * A Prometheus Operator `PrometheusRule` for one Job or CronJob, in the workload's namespace,
 * with thresholds computed at synth time from the rendered spec (schedule gaps in its time zone,
 * deadlines, history limits, TTL). Works on any Job/CronJob `ApiObject`.
 */
export class BatchAlerts extends Construct {
  /**
   * The workload's PrometheusRule `<name>-alerts` (undefined when alerts are disabled): its alert
   * rules (PER_WORKLOAD), or the recording rules that carry its thresholds (SHARED).
   */
  public readonly rule?: PrometheusRule;

  /** SHARED: the PrometheusRule with the alert rules this workload shares with others (undefined otherwise). */
  public readonly sharedRule?: PrometheusRule;

  /** The representation in use. */
  public readonly representation: AlertRepresentation;

  /** The watched Job or CronJob. */
  public readonly target: ApiObject;

  /** Renders the rule's spec at synth (undefined when alerts are disabled). */
  private readonly ruleSpec?: AlertSpecProducer;

  constructor(scope: Construct, id: string, props: BatchAlertsProps) {
    super(scope, id);
    const target = props.target;
    this.target = target;
    this.representation = props.representation ?? DEFAULT_ALERT_REPRESENTATION;
    const ksmVersion = checkBatchAlertsProps(this.node.path, props);
    if (props.enabled === false) return;
    expectAlertsRendering(target);
    watchSynths(this);
    const namespace = target.metadata.namespace ?? Chart.of(target).namespace;
    const options = copyWith(props, { kubeStateMetricsVersion: ksmVersion });
    let sharedKeyId: string | undefined;
    if (this.representation === AlertRepresentation.SHARED) {
      const shared = SharedBatchAlerts.of(this, namespace, sharedAlertsKey(options));
      shared.use(target.kind);
      this.sharedRule = shared.rule;
      sharedKeyId = shared.keyId;
    }
    this.rule = new PrometheusRule(this, 'Rule', {
      metadata: {
        name: `${target.name}-alerts`,
        ...(namespace ? { namespace } : {}),
        ...(props.ruleLabels ? { labels: props.ruleLabels } : {}),
      },
      spec: Lazy.any(this.ruleSpec = new AlertSpecProducer(options, namespace ?? 'default', sharedKeyId)),
    });
  }

  /**
   * Counts the Job named `jobName` (in the CronJob's namespace) as a manual run of this CronJob:
   * its success clears CronJobMissedSchedule and CronJobNotSucceededRecently, and its outcome
   * counts for CronJobLastRunFailed. `OneOffJob.fromCronJob` calls this; Jobs made with
   * `kubectl create job --from=cronjob/...` (kubectl 1.28+) count without it (owner reference).
   */
  public countManualRun(jobName: string): void {
    if (this.target.kind !== 'CronJob') {
      throw new BatchConfigError({ path: this.node.path, field: 'countManualRun', value: jobName, problem: 'applies to the alerts of a CronJob only', fix: 'call it on the BatchAlerts of the CronJob the Job was made from' });
    }
    this.ruleSpec?.countManualRun(jobName);
  }
}

/**
 * The spec of a workload's PrometheusRule, rendered when it is synthesized: an object per workload
 * instead of a closure and its context, and no manual-run set until a manual run is counted.
 */
class AlertSpecProducer implements IAnyProducer {
  private manualRuns?: Set<string>;

  constructor(private readonly options: BatchAlertsProps, private readonly namespace: string, private readonly sharedKeyId: string | undefined) {}

  public countManualRun(jobName: string): void {
    (this.manualRuns ??= new Set()).add(jobName);
  }

  public produce(): any {
    const { options, namespace } = this;
    const manualRuns = this.manualRuns ? [...this.manualRuns] : [];
    return {
      groups: [this.sharedKeyId === undefined
        ? typedMixedGroup(renderGroup(options.target, namespace, options, manualRuns))
        : typedMixedGroup(renderRecords(options.target, namespace, options, this.sharedKeyId, manualRuns))],
    };
  }
}

const PROM_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const RESERVED_LABELS = ['job', 'severity', 'namespace', 'cronjob', 'job_name'];
/** One matcher of a selector: `name="value"`, `name!="value"`, `name=~"re"`, `name!~"re"`. */
const MATCHER = String.raw`\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(?:=|!=|=~|!~)\s*"(?:[^"\\\n]|\\.)*"\s*`;
const SELECTOR = new RegExp(`^${MATCHER}(?:,${MATCHER})*,?\\s*$`);
const K8S_LABEL_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const K8S_LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Alert options that would break the rules or the PrometheusRule: a cluster label or alert label
 * name PromQL cannot hold, label values that are not valid UTF-8, a selector that is not a list of
 * matchers, object labels Kubernetes rejects, and keys cdk8s cannot render (`constructor`).
 */
export function alertOptionProblems(path: string, o: AlertOptions): ConfigErrorDetails[] {
  const problems: ConfigErrorDetails[] = [];
  const fixName = 'use letters, digits and underscores, not starting with a digit or "__" (e.g. team, k8s_cluster)';
  if (o.clusterLabel !== undefined && (!PROM_LABEL_NAME.test(o.clusterLabel) || o.clusterLabel.startsWith('__') || RESERVED_LABELS.includes(o.clusterLabel))) {
    problems.push({ path, field: 'alerts.clusterLabel', value: o.clusterLabel, problem: 'must be a Prometheus label name that the rules do not use themselves (it goes into every "by (...)")', fix: fixName });
  }
  for (const [key, value] of Object.entries(o.labels ?? {})) {
    if (RESERVED_LABELS.includes(key)) {
      problems.push({ path, field: `alerts.labels.${key}`, value, problem: 'clashes with a label the alerts need (job is the scrape job; severity, namespace, cronjob and job_name identify the alert)', fix: 'use another label name, e.g. team' });
    } else if (!PROM_LABEL_NAME.test(key) || key.startsWith('__') || key === 'constructor') {
      problems.push({ path, field: `alerts.labels[${JSON.stringify(key)}]`, value, problem: key === 'constructor' ? 'cannot be rendered by cdk8s (a key named "constructor")' : 'must be a Prometheus label name', fix: fixName });
    }
    if (typeof value !== 'string' || LONE_SURROGATE.test(value)) {
      problems.push({ path, field: `alerts.labels.${key}`, value, problem: 'must be a string of valid UTF-8 text', fix: 'pass a plain string value' });
    }
  }
  for (const [key, value] of Object.entries(o.ruleLabels ?? {})) {
    if (!K8S_LABEL_NAME.test(key) || key.length > 317 || key.split('/').pop()!.length > 63 || key === 'constructor') {
      problems.push({ path, field: `alerts.ruleLabels[${JSON.stringify(key)}]`, value, problem: key === 'constructor' ? 'cannot be rendered by cdk8s (a key named "constructor")' : 'must be a Kubernetes label key', fix: 'use e.g. "release" or "example.com/team"' });
    }
    if (typeof value !== 'string' || !K8S_LABEL_VALUE.test(value) || value.length > 63) {
      problems.push({ path, field: `alerts.ruleLabels.${key}`, value, problem: 'must be a Kubernetes label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)', fix: 'e.g. "kube-prometheus-stack"' });
    }
  }
  if (o.kubeStateMetricsSelector !== undefined && o.kubeStateMetricsSelector.trim() !== '' && !SELECTOR.test(o.kubeStateMetricsSelector)) {
    problems.push({ path, field: 'alerts.kubeStateMetricsSelector', value: o.kubeStateMetricsSelector, problem: 'must be a comma-separated list of PromQL label matchers', fix: 'e.g. job="kube-state-metrics", cluster="prod"' });
  }
  for (const [field, n] of [['toleratedFailures', o.toleratedFailures], ['maxRunSeconds', o.maxRunSeconds]] as const) {
    if (n !== undefined && !(Number.isInteger(n) && n >= (field === 'toleratedFailures' ? 0 : 1) && n <= 2 ** 31 - 1)) {
      problems.push({ path, field: `alerts.${field}`, value: n, problem: field === 'toleratedFailures' ? 'must be a whole number from 0' : 'must be a positive whole number of seconds', fix: field === 'toleratedFailures' ? 'e.g. 1' : 'e.g. 3600' });
    }
  }
  if (o.runbookBaseUrl !== undefined && (typeof o.runbookBaseUrl !== 'string' || LONE_SURROGATE.test(o.runbookBaseUrl))) {
    problems.push({ path, field: 'alerts.runbookBaseUrl', value: o.runbookBaseUrl, problem: 'must be a string of valid UTF-8 text', fix: 'e.g. "https://runbooks.example.com/batch"' });
  }
  if (o.representation !== undefined && !Object.values(AlertRepresentation).includes(o.representation)) {
    problems.push({ path, field: 'alerts.representation', value: o.representation, problem: `must be one of ${Object.values(AlertRepresentation).join(', ')}`, fix: 'use AlertRepresentation.SHARED or AlertRepresentation.PER_WORKLOAD' });
  }
  return problems;
}

/** Renders the alert group for a Job/CronJob manifest (pure; used at synth and by tests). */
export function renderGroup(target: ApiObject, namespace: string, options: AlertOptions, manualRuns: string[] = []): RenderedGroup {
  const w = workloadAlerts(target, namespace, options, manualRuns);
  return w.kind === 'CronJob' ? cronJobRules(w.render, w.cronJob!, w.facts) : jobRules(w.render, w.job!, w.facts);
}

/**
 * SHARED: the workload's recording rules, a threshold series for each alert the PER_WORKLOAD group
 * has (same conditions: disabled alerts, one-shot schedules...), and one series per manual run.
 */
export function renderRecords(target: ApiObject, namespace: string, options: AlertOptions, keyId: string,
  manualRuns: string[] = []): RenderedMixedGroup {
  const w = workloadAlerts(target, namespace, options, manualRuns);
  // The alerts the PER_WORKLOAD group would have, without writing its PromQL.
  const alerts = w.kind === 'CronJob' ? cronJobAlertsOf(w.render.disabled, w.facts) : jobAlertsOf(w.render.disabled, w.job!);
  const input = { namespace, name: w.name, key: keyId, alerts };
  const rules = w.kind === 'CronJob'
    ? cronJobRecords(copyWith(input, { thresholds: w.cronJob!, details: cronJobDetails(w.cronJob!, w.facts), manualRuns }))
    : jobRecords(copyWith(input, { thresholds: w.job!, details: jobDetails(w.job!, w.facts) }));
  return { name: alertGroupName(w.kind, namespace, w.name), rules };
}

/** The rendering key of the shared rules: every option that changes their text. */
export function sharedAlertsKey(options: AlertOptions): SharedAlertsKey {
  return {
    severities: options.severityOverrides ?? {},
    extraLabels: options.labels ?? {},
    runbookBaseUrl: options.runbookBaseUrl,
    kubeStateMetricsSelector: options.kubeStateMetricsSelector,
    clusterLabel: options.clusterLabel,
    ksm: kubeStateMetricsFeatures(options.kubeStateMetricsVersion ?? DEFAULT_KUBE_STATE_METRICS_VERSION),
    ruleLabels: options.ruleLabels ?? {},
  };
}

/** What both representations render from: the render options, thresholds and spec facts of one workload. */
interface WorkloadAlerts {
  readonly kind: string;
  readonly name: string;
  readonly render: RuleRenderOptions;
  readonly cronJob?: ReturnType<typeof cronJobThresholds>;
  readonly job?: ReturnType<typeof jobThresholds>;
  readonly facts: { activeDeadlineSeconds?: number; ttlSecondsAfterFinished?: number; maxIntervalSeconds: number; suspendRenderedFalse: boolean };
}

function workloadAlerts(target: ApiObject, namespace: string, options: AlertOptions, manualRuns: string[]): WorkloadAlerts {
  const manifest = renderedForAlerts(target);
  const o: RuleRenderOptions = {
    namespace,
    name: manifest.metadata.name,
    disabled: new Set(options.disabledAlerts ?? []),
    severities: options.severityOverrides ?? {},
    extraLabels: options.labels ?? {},
    runbookBaseUrl: options.runbookBaseUrl,
    kubeStateMetricsSelector: options.kubeStateMetricsSelector,
    clusterLabel: options.clusterLabel,
    ksm: kubeStateMetricsFeatures(options.kubeStateMetricsVersion ?? DEFAULT_KUBE_STATE_METRICS_VERSION),
    manualRuns,
  };
  if (manifest.kind === 'CronJob') {
    const spec = manifest.spec ?? {};
    const jobSpec = spec.jobTemplate?.spec ?? {};
    const intervals = defaultScheduleIntervals(CronSchedule.parse(spec.schedule, { timeZone: spec.timeZone }));
    const thresholds = cronJobThresholds({
      maxIntervalSeconds: intervals.longestSeconds,
      minIntervalSeconds: intervals.shortestSeconds,
      startingDeadlineSeconds: spec.startingDeadlineSeconds,
      activeDeadlineSeconds: jobSpec.activeDeadlineSeconds,
      successfulJobsHistoryLimit: spec.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: spec.failedJobsHistoryLimit,
      concurrencyPolicy: spec.concurrencyPolicy,
      toleratedFailures: options.toleratedFailures,
      maxRunSeconds: options.maxRunSeconds,
      podsStuckSeconds: options.podsStuckSeconds,
    });
    const facts = {
      activeDeadlineSeconds: jobSpec.activeDeadlineSeconds,
      maxIntervalSeconds: intervals.longestSeconds,
      suspendRenderedFalse: spec.suspend === false,
    };
    return { kind: 'CronJob', name: o.name, render: o, cronJob: thresholds, facts };
  }
  const spec = manifest.spec ?? {};
  const thresholds = jobThresholds({
    activeDeadlineSeconds: spec.activeDeadlineSeconds,
    ttlSecondsAfterFinished: spec.ttlSecondsAfterFinished,
    maxRunSeconds: options.maxRunSeconds,
    podsStuckSeconds: options.podsStuckSeconds,
  });
  const facts = {
    activeDeadlineSeconds: spec.activeDeadlineSeconds,
    ttlSecondsAfterFinished: spec.ttlSecondsAfterFinished,
    maxIntervalSeconds: 0,
    suspendRenderedFalse: false,
  };
  return { kind: 'Job', name: o.name, render: o, job: thresholds, facts };
}
