import { verdictOf } from './api-rules';
import { JOB_FIXED_NAME_RULE } from './gitops-rule';
import { arr, containersOf, obj, show } from './helpers';
import { PodSecurityCheckFailure, podSecurityFindingsByLevel } from './pod-security';
import { Hit, Rule, RuleContext, Severity } from './types';
import { DEFAULT_KUBE_STATE_METRICS_VERSION, kubeStateMetricsScheduleRisks } from '../alerts/ksm';
import { apiServerScheduleErrors } from '../schedule/cron-schedule';
import { checkScheduleRisks } from '../schedule/risks';
import { BoundedCache } from '../util/bounded-cache';
import { nearestName } from '../util/nearest-name';

const W = Severity.WARNING;
const I = Severity.INFO;
const both: Array<'Job' | 'CronJob'> = ['Job', 'CronJob'];

const SPOT_KEYS = ['karpenter.sh/capacity-type', 'eks.amazonaws.com/capacityType', 'cloud.google.com/gke-spot', 'cloud.google.com/gke-preemptible', 'kubernetes.azure.com/scalesetpriority'];
const SIDECAR_NAME = /(proxy|sidecar|agent|envoy|istio|linkerd|fluent|vector|promtail|filebeat|vault|cloudsql|cloud-sql|otel|collector|datadog)/i;
/** docker reference grammar: [domain/]path[:tag][@digest], path components lower case. */
const IMAGE_REFERENCE = /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;
/** The pod's containers with their paths, listed once per lint for the rules that read them. */
const containerLists = new WeakMap<RuleContext, ReturnType<typeof containersOf>>();
function containersIn(ctx: RuleContext): ReturnType<typeof containersOf> {
  let list = containerLists.get(ctx);
  if (!list) containerLists.set(ctx, list = containersOf(ctx.pod, ctx.podPath));
  return list;
}

/** The reference grammar's answer per image: a fleet runs a few images, and the expression is long. */
const imageValidity = new BoundedCache<string, boolean>(10_000);
function validImage(image: string): boolean {
  return imageValidity.get(image, (i) => IMAGE_REFERENCE.test(i));
}
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)/i;

/** Schedule risks from the schedule module, as rules with the same ids. */
function scheduleRisk(id: string, severity: Severity, description: string): Rule {
  return {
    id,
    severity,
    description,
    kinds: ['CronJob'],
    fix: 'see the message',
    check: (ctx) => scheduleRisks(ctx).filter((r) => r.code === id)
      .map((r) => ({ path: r.field, message: r.message, fix: r.fix, severity: r.severity as Severity })),
  };
}

/**
 * One hit per failing Pod Security check at the target version, at its first field (template paths as
 * in the manifest). Restricted hits leave out what the baseline rule already reports.
 */
function podSecurityHits(ctx: RuleContext, level: 'baseline' | 'restricted'): Hit[] {
  const minor = ctx.target.minor;
  const byLevel = findingsOf(ctx);
  let failures: PodSecurityCheckFailure[] = byLevel[level];
  if (level === 'restricted' && failures.length > 0) {
    const reported = new Set(byLevel.baseline.flatMap((f) => f.paths));
    failures = failures.filter((f) => f.paths.some((p) => !reported.has(p)));
  }
  const at = (p: string) => `${ctx.jobPath}template.${p}`;
  return failures.map((f) => ({
    path: at(f.paths[0]),
    message: `${f.message} (Pod Security ${level} v1.${minor}, check ${f.check}${f.paths.length > 1 ? `; also ${f.paths.slice(1).map(at).join(', ')}` : ''})`,
    fix: f.fix,
  }));
}

/**
 * Both levels' findings from one run of the checks, for the baseline and the restricted rule: per
 * lint of a template (keyed by the rule context, so that they go with the lint, not with a manifest
 * that a synth holds until its file is written).
 */
const findingsCache = new WeakMap<RuleContext, Record<'baseline' | 'restricted', PodSecurityCheckFailure[]>>();
function findingsOf(ctx: RuleContext): Record<'baseline' | 'restricted', PodSecurityCheckFailure[]> {
  let failures = findingsCache.get(ctx);
  if (!failures) findingsCache.set(ctx, failures = podSecurityFindingsByLevel(obj(obj(ctx.job).template), ctx.target.minor));
  return failures;
}

/** The schedule risks of one lint (keyed by its rule context, like the Pod Security findings). */
const riskCache = new WeakMap<RuleContext, ReturnType<typeof checkScheduleRisks>>();
const byInput = new BoundedCache<string, ReturnType<typeof checkScheduleRisks>>(10_000);
function scheduleRisks(ctx: RuleContext): ReturnType<typeof checkScheduleRisks> {
  const cached = riskCache.get(ctx);
  if (cached) return cached;
  const s = obj(ctx.manifest.spec);
  const ok = typeof s.schedule === 'string' && (s.timeZone === undefined || typeof s.timeZone === 'string') && apiServerScheduleErrors(s.schedule, s.timeZone).length === 0;
  const input = {
    schedule: s.schedule,
    timeZone: s.timeZone,
    startingDeadlineSeconds: numberOr(s.startingDeadlineSeconds),
    activeDeadlineSeconds: numberOr(obj(ctx.job).activeDeadlineSeconds),
    concurrencyPolicy: typeof s.concurrencyPolicy === 'string' ? s.concurrencyPolicy : undefined,
    // A lint that drops info findings needs the interval analysis only where a warning does.
    includeInfo: (ctx.minSeverity ?? Severity.INFO) === Severity.INFO,
  };
  // Fleets repeat the same schedules: the analysis is done once per distinct input.
  const key = `${input.schedule}\u0000${input.timeZone}\u0000${input.startingDeadlineSeconds}\u0000${input.activeDeadlineSeconds}\u0000${input.concurrencyPolicy}\u0000${input.includeInfo}`;
  const risks = ok ? byInput.get(key, () => checkScheduleRisks(input)) : [];
  riskCache.set(ctx, risks);
  return risks;
}
const numberOr = (v: any) => (typeof v === 'number' ? v : undefined);

/** Known-dangerous settings: every pitfall of batch workloads in production. */
export const BEST_PRACTICE_RULES: Rule[] = [
  {
    id: 'unknown-field',
    severity: W,
    kinds: both,
    description: 'Unknown fields (typos such as activeDeadline or backofflimit, fields from another kind) are silently dropped.',
    fix: 'check the spelling against the batch/v1 API reference',
    check: (ctx) => verdictOf(ctx).unknownFields.map(({ path, field, known }) => {
      const guess = nearestName(field, known);
      return {
        path,
        message: `unknown field ${show(field)}: the API server drops it (or rejects the object with strict field validation), so whatever it was meant to do does not happen`,
        ...(guess ? { fix: `did you mean ${show(guess)}?` } : {}),
      };
    }),
  },
  {
    id: 'field-dropped-at-target',
    severity: W,
    kinds: both,
    description: 'A field whose feature is off by default at the target Kubernetes version is silently dropped by the API server.',
    fix: 'raise the target version if the cluster runs a newer one, or stop relying on the field',
    check: (ctx) => verdictOf(ctx).dropped.map((d) => ({
      path: d.path,
      message: `Kubernetes ${ctx.target.name} drops this field silently (feature gate ${d.gate} is off there; ${d.onSince === undefined ? 'an alpha feature, off by default in every release so far' : `on by default since 1.${d.onSince}`}), so what it asks for does not happen`,
      fix: d.onSince === undefined ? 'remove the field, or turn the feature gate on in the cluster' : `target Kubernetes 1.${d.onSince} or newer if the cluster runs it, or remove the field`,
    })),
  },
  {
    id: 'job-name-not-dns-label',
    severity: W,
    kinds: ['Job'],
    description: 'A Job name with dots is accepted (a DNS subdomain) but its pods are named and addressed after it: the API server warns that it is not a DNS label.',
    fix: 'use lower-case letters, digits and "-" only',
    check: (ctx) => {
      const name = obj(ctx.manifest.metadata).name;
      return typeof name === 'string' && name.includes('.') && name.length <= 63
        ? [{ path: 'metadata.name', message: `Job name ${show(name)} is not a DNS label: it is used in pod names and hostnames, which can result in surprising behaviour (the API server answers with this warning)` }]
        : [];
    },
  },
  {
    id: 'restart-policy-on-failure',
    severity: W,
    kinds: both,
    description: 'restartPolicy OnFailure restarts failed containers in place: the failed attempts\' logs and exit codes are lost, and a podFailurePolicy cannot be used.',
    fix: 'use restartPolicy: Never with a small backoffLimit (and a podFailurePolicy)',
    check: (ctx) => (obj(ctx.pod).restartPolicy === 'OnFailure'
      ? [{ path: `${ctx.podPath}restartPolicy`, message: 'restartPolicy OnFailure restarts the container in the same pod: failed attempts leave no pod to inspect, and exit-code rules (podFailurePolicy) are unavailable' }]
      : []),
  },
  {
    id: 'active-deadline-zero',
    severity: W,
    kinds: both,
    description: 'activeDeadlineSeconds: 0 is accepted by the API server but fails every run at once with DeadlineExceeded.',
    fix: 'set activeDeadlineSeconds to the longest a healthy run may take',
    check: (ctx) => (obj(ctx.job).activeDeadlineSeconds === 0 ? [{ path: `${ctx.jobPath}activeDeadlineSeconds`, message: 'activeDeadlineSeconds is 0: every run fails immediately with DeadlineExceeded' }] : []),
  },
  {
    id: 'image-reference-invalid',
    severity: W,
    kinds: both,
    description: 'An image reference the container runtime cannot parse (empty tag, spaces, upper case repository) makes every pod fail with InvalidImageName.',
    fix: 'write the image as registry/repository:tag or @sha256:digest',
    check: (ctx) => containersIn(ctx).flatMap(({ c, path }) => (typeof c.image === 'string' && c.image !== '' && !validImage(c.image)
      ? [{ path: `${path}.image`, message: `image ${show(c.image)} is not a valid reference: pods fail with InvalidImageName` }] : [])),
  },
  {
    id: 'no-active-deadline',
    severity: W,
    kinds: both,
    description: 'Without activeDeadlineSeconds a hung run holds its node forever (and, with Forbid, blocks every later run).',
    fix: 'set activeDeadlineSeconds to the longest a healthy run may take, with margin',
    check: (ctx) => (obj(ctx.job).activeDeadlineSeconds === undefined ? [{ path: `${ctx.jobPath}activeDeadlineSeconds`, message: 'no activeDeadlineSeconds: a run that hangs is never stopped' }] : []),
  },
  {
    id: 'backoff-limit-default',
    severity: W,
    kinds: both,
    description: 'backoffLimit unset (6) retries non-idempotent work six times over many minutes.',
    fix: 'set backoffLimit explicitly (0 for "never retry", 1-2 otherwise) and ignore disruptions with a podFailurePolicy',
    check: (ctx) => {
      const j = obj(ctx.job);
      if (j.backoffLimitPerIndex !== undefined) return [];
      return j.backoffLimit === undefined || j.backoffLimit === 6
        ? [{ path: `${ctx.jobPath}backoffLimit`, message: `backoffLimit is ${j.backoffLimit === undefined ? 'unset (Kubernetes uses 6)' : '6'}: a failing run is retried six times with growing back-off` }]
        : [];
    },
  },
  {
    id: 'concurrency-allow',
    severity: W,
    kinds: ['CronJob'],
    description: 'concurrencyPolicy Allow (the default) lets a slow run overlap the next one.',
    fix: 'set concurrencyPolicy: Forbid (skip a run while the previous one is still running)',
    check: (ctx) => {
      const v = obj(ctx.manifest.spec).concurrencyPolicy;
      if (v === undefined || v === 'Allow') return [{ path: 'spec.concurrencyPolicy', message: `concurrencyPolicy is ${v === undefined ? 'unset (Allow)' : 'Allow'}: runs can overlap and work on the same data at once` }];
      if (v === 'Replace') return [{ path: 'spec.concurrencyPolicy', message: 'concurrencyPolicy Replace kills a running run when the next one is due', severity: I }];
      return [];
    },
  },
  {
    id: 'no-ttl',
    severity: W,
    kinds: ['Job'],
    description: 'A standalone Job without ttlSecondsAfterFinished stays forever, with its pods.',
    fix: 'set ttlSecondsAfterFinished (e.g. 86400: a day to look at a failure)',
    check: (ctx) => (obj(ctx.job).ttlSecondsAfterFinished === undefined ? [{ path: `${ctx.jobPath}ttlSecondsAfterFinished`, message: 'no ttlSecondsAfterFinished: finished Jobs and their pods pile up' }] : []),
  },
  {
    id: 'missing-resource-requests',
    severity: W,
    kinds: both,
    description: 'Containers without cpu and memory requests are scheduled blindly and evicted or OOM-killed first.',
    fix: 'set resources.requests.cpu and resources.requests.memory (and a memory limit)',
    check: (ctx) => containersIn(ctx).flatMap(({ c, path }) => {
      const req = obj(obj(c.resources).requests);
      const missing = ['cpu', 'memory'].filter((k) => req[k] === undefined);
      const hits: Hit[] = missing.length ? [{ path: `${path}.resources.requests`, message: `container ${show(c.name)} requests no ${missing.join(' and ')}` }] : [];
      if (obj(obj(c.resources).limits).memory === undefined) hits.push({ path: `${path}.resources.limits.memory`, message: `container ${show(c.name)} has no memory limit`, severity: I });
      return hits;
    }),
  },
  {
    id: 'no-starting-deadline',
    severity: W,
    kinds: ['CronJob'],
    description: 'Without startingDeadlineSeconds a run missed during an outage starts whenever the controller comes back, however late.',
    fix: 'set startingDeadlineSeconds (e.g. 300)',
    check: (ctx) => (obj(ctx.manifest.spec).startingDeadlineSeconds === undefined ? [{ path: 'spec.startingDeadlineSeconds', message: 'no startingDeadlineSeconds: a missed run can start hours late' }] : []),
  },
  {
    id: 'spot-without-pod-failure-policy',
    severity: W,
    kinds: both,
    description: 'Pods on spot/preemptible nodes without a podFailurePolicy that ignores DisruptionTarget use up backoffLimit on every reclaim.',
    fix: 'add a podFailurePolicy rule { action: Ignore, onPodConditions: [{ type: DisruptionTarget }] }',
    check: (ctx) => {
      const pod = obj(ctx.pod);
      const text = JSON.stringify([pod.nodeSelector, pod.affinity, pod.tolerations]);
      if (!SPOT_KEYS.some((k) => text.includes(k))) return [];
      const ignores = arr(obj(obj(ctx.job).podFailurePolicy).rules).some((r) => obj(r).action === 'Ignore' && arr(obj(r).onPodConditions).some((c) => obj(c).type === 'DisruptionTarget'));
      return ignores ? [] : [{ path: `${ctx.jobPath}podFailurePolicy`, message: 'pods target spot/preemptible nodes but disruptions are not ignored: every reclaim counts against backoffLimit' }];
    },
  },
  {
    id: 'sidecar-as-container',
    severity: W,
    kinds: both,
    description: 'A sidecar (proxy, log or metrics agent) added as a regular container keeps running, so the Job never completes.',
    fix: 'make it a native sidecar: an init container with restartPolicy: Always (Kubernetes 1.29+)',
    check: (ctx) => {
      const cs = arr(obj(ctx.pod).containers).map(obj);
      if (cs.length < 2) return [];
      return cs.flatMap((c, i) => (typeof c.name === 'string' && SIDECAR_NAME.test(`${c.name} ${c.image ?? ''}`) ? [{ path: `${ctx.podPath}containers[${i}]`, message: `container ${show(c.name)} looks like a sidecar: as a regular container it keeps the Job from completing` }] : []));
    },
  },
  {
    id: 'plaintext-secret-env',
    severity: W,
    kinds: both,
    description: 'A secret-looking environment variable with a literal value puts the secret in the manifest, Git and kubectl describe.',
    fix: 'use valueFrom.secretKeyRef',
    check: (ctx) => containersIn(ctx).flatMap(({ c, path }) => arr(c.env).flatMap((e, k) => (
      typeof obj(e).name === 'string' && obj(e).value !== undefined && SECRET_NAME.test(obj(e).name) ? [{ path: `${path}.env[${k}]`, message: `${obj(e).name} looks like a secret but has a literal value` }] : []))),
  },
  {
    id: 'history-limit-zero',
    severity: W,
    kinds: ['CronJob'],
    description: 'A history limit of 0 deletes finished runs at once: failures leave no pods or logs, and the last-run-failed alert cannot fire.',
    fix: 'keep failedJobsHistoryLimit >= 1 (3 is a good default)',
    check: (ctx) => ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit'].filter((k) => obj(ctx.manifest.spec)[k] === 0)
      .map((k) => ({ path: `spec.${k}`, message: `${k} is 0: finished runs are deleted immediately, with their evidence` })),
  },
  {
    id: 'image-latest-or-untagged',
    severity: W,
    kinds: both,
    description: 'An image without a tag or with :latest changes under you between runs.',
    fix: 'pin a version tag or a digest',
    check: (ctx) => containersIn(ctx).flatMap(({ c, path }) => {
      if (typeof c.image !== 'string' || c.image.includes('@sha256:')) return [];
      const last = c.image.split('/').pop()!;
      const tag = last.includes(':') ? last.split(':').pop() : undefined;
      return tag === undefined || tag === 'latest' ? [{ path: `${path}.image`, message: `image ${show(c.image)} ${tag ? 'uses :latest' : 'has no tag'}` }] : [];
    }),
  },
  {
    id: 'pod-security-baseline',
    severity: W,
    kinds: both,
    description: 'The pod breaks Pod Security "baseline" at the target version (rejected by baseline and restricted namespaces): host namespaces, privileged, extra capabilities, hostPath, host ports, unsafe sysctls...',
    fix: 'remove the privileged setting named in the message, or run the Job in a namespace that allows it',
    check: (ctx) => podSecurityHits(ctx, 'baseline'),
  },
  {
    id: 'pod-security-restricted',
    severity: W,
    kinds: both,
    description: 'The pod is weaker than Pod Security "restricted" at the target version (rejected by restricted namespaces, more privilege than batch work needs); baseline breaks are reported by pod-security-baseline.',
    fix: 'runAsNonRoot, allowPrivilegeEscalation: false, capabilities drop ALL, seccompProfile RuntimeDefault',
    check: (ctx) => podSecurityHits(ctx, 'restricted'),
  },
  {
    id: 'no-time-zone',
    severity: W,
    kinds: ['CronJob'],
    description: 'Without spec.timeZone the schedule runs in the controller manager\'s zone, which you do not control.',
    fix: 'set spec.timeZone (e.g. "Etc/UTC")',
    check: (ctx) => (obj(ctx.manifest.spec).timeZone === undefined ? [{ path: 'spec.timeZone', message: 'no timeZone: runs follow the kube-controller-manager\'s zone' }] : []),
  },
  JOB_FIXED_NAME_RULE,
  {
    id: 'kube-state-metrics-schedule',
    severity: W,
    kinds: ['CronJob'],
    description: `A schedule that kube-state-metrics (${DEFAULT_KUBE_STATE_METRICS_VERSION}) parses differently from Kubernetes or crashes on: kube_cronjob_next_schedule_time is wrong, or every KSM metric is lost.`,
    fix: 'see the message; this library\'s alerts do not depend on KSM\'s schedule parsing, but dashboards and other alerts may',
    check: (ctx) => {
      const s = obj(ctx.manifest.spec);
      if (typeof s.schedule !== 'string' || (s.timeZone !== undefined && typeof s.timeZone !== 'string')) return [];
      return kubeStateMetricsScheduleRisks(s.schedule, s.timeZone, DEFAULT_KUBE_STATE_METRICS_VERSION)
        .map((r) => ({ path: 'spec.schedule', message: `${r.message} (kube-state-metrics ${r.versions}; ${r.code})`, fix: r.fix }));
    },
  },
  scheduleRisk('schedule-never-fires', W, 'The schedule matches no date (e.g. February 30): the CronJob never runs.'),
  scheduleRisk('starting-deadline-too-short', W, 'startingDeadlineSeconds below 10 s skips runs; 0 never starts one.'),
  scheduleRisk('deadline-exceeds-interval-forbid', W, 'activeDeadlineSeconds longer than the shortest gap between runs: with Forbid, runs are skipped.'),
  scheduleRisk('deadline-exceeds-interval-allow', W, 'activeDeadlineSeconds longer than the shortest gap between runs: with Allow, runs overlap.'),
  scheduleRisk('deadline-exceeds-interval-replace', W, 'activeDeadlineSeconds longer than the shortest gap between runs: with Replace, long runs are killed.'),
  scheduleRisk('schedule-dst-gap', W, 'A local run time falls in a DST gap and is skipped that day.'),
  scheduleRisk('schedule-dst-ambiguous', W, 'A local run time happens twice on the DST fall-back day and runs twice.'),
  scheduleRisk('schedule-too-frequent', W, '@every under a minute: runs are late, skipped or pile up.'),
  scheduleRisk('missed-run-horizon', I, 'How long a controller outage can last before runs are lost.'),
];
