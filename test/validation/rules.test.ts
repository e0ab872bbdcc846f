import { goodCronJob, goodJob } from './manifests';
import { BatchRules, KubernetesVersion, lintManifest, Severity } from '../../src';

type Case = [kind: 'Job' | 'CronJob', mutate: (m: any) => void, path?: string];
const jobSpec = (m: any) => (m.kind === 'CronJob' ? m.spec.jobTemplate.spec : m.spec);
const pod = (m: any) => jobSpec(m).template.spec;
const main = (m: any) => pod(m).containers[0];

/** For every rule: a mutation of a clean manifest that makes it fire (and the field it must name). */
const FIRES: Record<string, Case[]> = {
  'api-decode': [['Job', (m) => { jobSpec(m).completions = '3'; }, 'spec.completions'], ['Job', (m) => { main(m).resources.requests.memory = '512MB'; }, 'spec.template.spec.containers[0].resources.requests[memory]'], ['CronJob', (m) => { m.spec.suspend = 'yes'; }, 'spec.suspend']],
  'api-metadata': [['Job', (m) => { m.metadata.name = 'Bad_Name'; }, 'metadata.name'], ['CronJob', (m) => { delete m.metadata.name; }, 'metadata.name'], ['Job', (m) => { m.metadata.labels = { 'team name': 'x' }; }, 'metadata.labels'], ['Job', (m) => { jobSpec(m).template.metadata = { labels: { 'a b': 'c' } }; }, 'spec.template.labels'], ['Job', (m) => { m.metadata.name = 'j'.repeat(64); }, 'spec.template.labels']],
  'api-job-spec': [
    ['Job', (m) => { delete pod(m).restartPolicy; delete jobSpec(m).podFailurePolicy; }, 'spec.template.spec.restartPolicy'],
    ['CronJob', (m) => { pod(m).restartPolicy = 'Always'; }, 'spec.jobTemplate.spec.template.spec.restartPolicy'],
    ['Job', (m) => { jobSpec(m).backoffLimit = -1; }, 'spec.backoffLimit'],
    ['Job', (m) => { jobSpec(m).completionMode = 'Indexed'; jobSpec(m).completions = 10; m.metadata.name = 'j'.repeat(62); }, 'metadata.name'],
    ['Job', (m) => { jobSpec(m).selector = { matchLabels: { app: 'x' } }; }, 'spec.selector'],
    ['CronJob', (m) => { jobSpec(m).completionMode = 'Indexed'; }, 'spec.jobTemplate.spec.completions'],
    ['CronJob', (m) => { jobSpec(m).selector = {}; }, 'spec.jobTemplate.spec.selector'],
  ],
  'api-pod-failure-policy': [
    ['Job', (m) => { pod(m).restartPolicy = 'OnFailure'; }, 'spec.template.spec.restartPolicy'],
    ['Job', (m) => { jobSpec(m).podFailurePolicy.rules.push({ action: 'FailJob', onExitCodes: { operator: 'In', values: [0, 1] } }); }, 'spec.podFailurePolicy.rules[1].onExitCodes.values[0]'],
    ['Job', (m) => { jobSpec(m).podFailurePolicy.rules.push({ action: 'FailJob', onExitCodes: { containerName: 'nope', operator: 'In', values: [1] } }); }, 'spec.podFailurePolicy.rules[1].onExitCodes.containerName'],
    ['CronJob', (m) => { jobSpec(m).podFailurePolicy.rules.push({ action: 'FailIndex', onExitCodes: { operator: 'In', values: [3, 2] } }); }, 'spec.jobTemplate.spec.podFailurePolicy.rules[1].action'],
  ],
  'api-success-policy': [['Job', (m) => { jobSpec(m).successPolicy = { rules: [{ succeededCount: 1 }] }; }, 'spec.successPolicy'], ['Job', (m) => { Object.assign(jobSpec(m), { completionMode: 'Indexed', completions: 3, successPolicy: { rules: [{ succeededIndexes: '2,1' }] } }); }, 'spec.successPolicy.rules[0].succeededIndexes']],
  'api-cronjob-spec': [['CronJob', (m) => { m.spec.schedule = '0 0 * * 7'; }, 'spec.schedule'], ['CronJob', (m) => { m.spec.schedule = 'TZ=UTC 0 2 * * *'; }], ['CronJob', (m) => { m.spec.timeZone = 'Mars/Olympus'; }, 'spec.timeZone'], ['CronJob', (m) => { m.spec.concurrencyPolicy = 'Never'; }, 'spec.concurrencyPolicy'], ['CronJob', (m) => { m.metadata.name = 'c'.repeat(53); }, 'metadata.name']],
  'api-pod-spec': [['Job', (m) => { pod(m).activeDeadlineSeconds = 0; }, 'spec.template.spec.activeDeadlineSeconds'], ['Job', (m) => { pod(m).dnsPolicy = 'None'; }, 'spec.template.spec.dnsConfig']],
  'api-containers': [['Job', (m) => { pod(m).containers = []; }, 'spec.template.spec.containers'], ['Job', (m) => { delete main(m).image; }, 'spec.template.spec.containers[0].image'], ['Job', (m) => { pod(m).containers.push({ ...main(m) }); }, 'spec.template.spec.containers[1].name'], ['Job', (m) => { main(m).restartPolicy = 'Always'; m.__target = KubernetesVersion.V1_33; }, 'spec.template.spec.containers[0].restartPolicy']],
  'api-probes': [['Job', (m) => { main(m).livenessProbe = { exec: { command: ['x'] }, successThreshold: 2 }; }, 'spec.template.spec.containers[0].livenessProbe.successThreshold'], ['Job', (m) => { main(m).readinessProbe = {}; }, 'spec.template.spec.containers[0].readinessProbe']],
  'api-env': [['Job', (m) => { main(m).env = [{ name: 'A=B', value: 'x' }]; }, 'spec.template.spec.containers[0].env[0].name'], ['Job', (m) => { main(m).env = [{ name: 'PHASE', valueFrom: { fieldRef: { fieldPath: 'status.phase' } } }]; }, 'spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath']],
  'api-volumes': [['Job', (m) => { main(m).volumeMounts = [{ name: 'data', mountPath: '/data' }]; }, 'spec.template.spec.containers[0].volumeMounts[0].name'], ['Job', (m) => { pod(m).volumes = [{ name: 'a', emptyDir: {} }, { name: 'a', emptyDir: {} }]; }, 'spec.template.spec.volumes[1].name']],
  'api-resources': [['Job', (m) => { main(m).resources.limits.memory = '64Mi'; }, 'spec.template.spec.containers[0].resources.requests'], ['Job', (m) => { main(m).resources.requests.gpu = '1'; }, 'spec.template.spec.containers[0].resources.requests[gpu]']],
  'api-security-context': [['Job', (m) => { pod(m).securityContext.runAsUser = -1; }, 'spec.template.spec.securityContext.runAsUser'], ['Job', (m) => { main(m).securityContext.privileged = true; }, 'spec.template.spec.containers[0].securityContext']],
  'api-scheduling': [['Job', (m) => { pod(m).tolerations = [{ operator: 'Equal', value: 'x' }]; }, 'spec.template.spec.tolerations[0].operator'], ['Job', (m) => { pod(m).nodeSelector = { 'node pool': 'batch' }; }, 'spec.template.spec.nodeSelector']],
  'field-dropped-at-target': [['Job', (m) => { pod(m).initContainers = [{ ...main(m), name: 'proxy', restartPolicy: 'Always' }]; m.__target = KubernetesVersion.V1_28; }, 'spec.template.spec.initContainers[0].restartPolicy'], ['Job', (m) => { jobSpec(m).managedBy = 'kueue.x-k8s.io/multikueue'; m.__target = KubernetesVersion.V1_31; }, 'spec.managedBy'], ['Job', (m) => { main(m).lifecycle = { stopSignal: 'SIGUSR1' }; }, 'spec.template.spec.containers[0].lifecycle.stopSignal']],
  'restart-policy-on-failure': [['CronJob', (m) => { pod(m).restartPolicy = 'OnFailure'; delete jobSpec(m).podFailurePolicy; }, 'spec.jobTemplate.spec.template.spec.restartPolicy']],
  'active-deadline-zero': [['Job', (m) => { jobSpec(m).activeDeadlineSeconds = 0; }, 'spec.activeDeadlineSeconds']],
  'image-reference-invalid': [['Job', (m) => { main(m).image = 'registry.example.com/app:'; }, 'spec.template.spec.containers[0].image'], ['Job', (m) => { main(m).image = 'Registry.example.com/App:1'; }]],
  'unknown-field': [['Job', (m) => { jobSpec(m).activeDeadline = 900; }, 'spec.activeDeadline'], ['CronJob', (m) => { m.spec.timezone = 'UTC'; }, 'spec.timezone'], ['Job', (m) => { main(m).resource = {}; }, 'spec.template.spec.containers[0].resource']],
  'job-fixed-name-no-update-strategy': [['Job', (m) => { delete m.metadata.annotations; }, 'metadata.name'], ['Job', (m) => { m.metadata.annotations = { 'argocd.argoproj.io/hook': 'presync' }; }]],
  'kube-state-metrics-schedule': [['CronJob', (m) => { m.spec.schedule = '0 0 13 * 5'; }, 'spec.schedule'], ['CronJob', (m) => { m.spec.schedule = '*/60 * * * *'; }]],
  'job-name-not-dns-label': [['Job', (m) => { m.metadata.name = 'db.migrate'; }, 'metadata.name']],
  'no-active-deadline': [['Job', (m) => { delete jobSpec(m).activeDeadlineSeconds; }, 'spec.activeDeadlineSeconds']],
  'backoff-limit-default': [['Job', (m) => { delete jobSpec(m).backoffLimit; }, 'spec.backoffLimit'], ['CronJob', (m) => { jobSpec(m).backoffLimit = 6; }]],
  'concurrency-allow': [['CronJob', (m) => { delete m.spec.concurrencyPolicy; }, 'spec.concurrencyPolicy'], ['CronJob', (m) => { m.spec.concurrencyPolicy = 'Replace'; }]],
  'no-ttl': [['Job', (m) => { delete jobSpec(m).ttlSecondsAfterFinished; }, 'spec.ttlSecondsAfterFinished']],
  'missing-resource-requests': [['Job', (m) => { delete main(m).resources; }, 'spec.template.spec.containers[0].resources.requests']],
  'no-starting-deadline': [['CronJob', (m) => { delete m.spec.startingDeadlineSeconds; }, 'spec.startingDeadlineSeconds']],
  'spot-without-pod-failure-policy': [['Job', (m) => { delete jobSpec(m).podFailurePolicy; pod(m).nodeSelector = { 'karpenter.sh/capacity-type': 'spot' }; }, 'spec.podFailurePolicy']],
  'sidecar-as-container': [['Job', (m) => { pod(m).containers.push({ ...main(m), name: 'cloud-sql-proxy' }); }, 'spec.template.spec.containers[1]']],
  'plaintext-secret-env': [['Job', (m) => { main(m).env = [{ name: 'DB_PASSWORD', value: 'hunter2' }]; }, 'spec.template.spec.containers[0].env[0]']],
  'history-limit-zero': [['CronJob', (m) => { m.spec.failedJobsHistoryLimit = 0; }, 'spec.failedJobsHistoryLimit']],
  'image-latest-or-untagged': [['Job', (m) => { main(m).image = 'registry.example.com/app'; }, 'spec.template.spec.containers[0].image'], ['Job', (m) => { main(m).image = 'app:latest'; }]],
  'pod-security-baseline': [
    ['Job', (m) => { pod(m).hostNetwork = true; }, 'spec.template.spec.hostNetwork'],
    ['CronJob', (m) => { main(m).securityContext.capabilities.add = ['SYS_ADMIN']; }, 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.capabilities.add[0]'],
    ['Job', (m) => { pod(m).securityContext.sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 16777216' }]; m.__target = KubernetesVersion.V1_31; }, 'spec.template.spec.securityContext.sysctls[0].name'],
    ['Job', (m) => { jobSpec(m).template.metadata = { annotations: { 'container.apparmor.security.beta.kubernetes.io/main': 'unconfined' } }; }, 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/main"]'],
  ],
  'pod-security-restricted': [
    ['Job', (m) => { main(m).securityContext.allowPrivilegeEscalation = true; }, 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation'],
    ['CronJob', (m) => { main(m).securityContext.capabilities.add = ['CHOWN']; }, 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.capabilities.add[0]'],
    ['Job', (m) => { pod(m).volumes = [{ name: 'shared', nfs: { server: 'nfs.example.com', path: '/exports' } }]; }, 'spec.template.spec.volumes[0].nfs'],
  ],
  'no-time-zone': [['CronJob', (m) => { delete m.spec.timeZone; }, 'spec.timeZone']],
  'schedule-never-fires': [['CronJob', (m) => { m.spec.schedule = '0 0 30 2 *'; }, 'spec.schedule']],
  'starting-deadline-too-short': [['CronJob', (m) => { m.spec.startingDeadlineSeconds = 5; }, 'spec.startingDeadlineSeconds'], ['CronJob', (m) => { m.spec.startingDeadlineSeconds = 0; }]],
  'deadline-exceeds-interval-forbid': [['CronJob', (m) => { m.spec.schedule = '*/10 * * * *'; }, 'spec.jobTemplate.spec.activeDeadlineSeconds']],
  'deadline-exceeds-interval-allow': [['CronJob', (m) => { m.spec.schedule = '*/10 * * * *'; m.spec.concurrencyPolicy = 'Allow'; }]],
  'deadline-exceeds-interval-replace': [['CronJob', (m) => { m.spec.schedule = '*/10 * * * *'; m.spec.concurrencyPolicy = 'Replace'; }]],
  'schedule-dst-gap': [['CronJob', (m) => { m.spec.schedule = '30 2 * * *'; }, 'spec.schedule']],
  'schedule-dst-ambiguous': [['CronJob', (m) => { m.spec.schedule = '30 2 * * *'; }, 'spec.schedule']],
  'schedule-too-frequent': [['CronJob', (m) => { m.spec.schedule = '@every 30s'; jobSpec(m).activeDeadlineSeconds = 20; }, 'spec.schedule']],
  'missed-run-horizon': [['CronJob', () => undefined, 'spec.startingDeadlineSeconds']],
};

/** Mutations that look risky but must NOT fire the rule. */
const QUIET: Record<string, Case[]> = {
  'job-name-not-dns-label': [['Job', (m) => { m.metadata.name = 'db-migrate-2'; }], ['CronJob', (m) => { m.metadata.name = 'nightly.report'; }]],
  'kube-state-metrics-schedule': [['CronJob', (m) => { m.spec.schedule = '0 0 13 * *'; }], ['CronJob', (m) => { m.spec.schedule = '0 9 * * 1-5'; }]],
  'api-job-spec': [['Job', (m) => { pod(m).restartPolicy = 'OnFailure'; delete jobSpec(m).podFailurePolicy; }], ['Job', (m) => { m.metadata.name = 'j'.repeat(63); }], ['Job', (m) => { jobSpec(m).completionMode = 'Indexed'; jobSpec(m).completions = 200000; }]],
  'api-cronjob-spec': [['CronJob', (m) => { m.metadata.name = 'c'.repeat(52); }], ['CronJob', (m) => { m.spec.schedule = '0 0 30 2 *'; m.spec.concurrencyPolicy = ''; m.spec.startingDeadlineSeconds = 0; }]],
  'api-decode': [['Job', (m) => { main(m).resources.requests.cpu = 0.5; main(m).resources.requests.memory = 268435456; }]],
  'api-pod-failure-policy': [['Job', (m) => { jobSpec(m).podFailurePolicy.rules.push({ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'NotIn', values: [-1, 0, 300] } }); }]],
  'api-containers': [['Job', (m) => { main(m).restartPolicy = 'OnFailure'; m.__target = KubernetesVersion.V1_35; }], ['Job', (m) => { pod(m).initContainers = [{ ...main(m), name: 'proxy', restartPolicy: 'Always' }]; }]],
  'api-env': [['Job', (m) => { main(m).env = [{ name: '1st-var.x', value: '' }, { name: '1st-var.x', value: 'dup' }]; }]],
  'field-dropped-at-target': [['Job', (m) => { pod(m).initContainers = [{ ...main(m), name: 'proxy', restartPolicy: 'Always' }]; m.__target = KubernetesVersion.V1_29; }]],
  'restart-policy-on-failure': [['Job', () => undefined]],
  'active-deadline-zero': [['Job', (m) => { jobSpec(m).activeDeadlineSeconds = 1; }]],
  'image-reference-invalid': [['Job', (m) => { main(m).image = 'localhost:5000/team/app_x:v1.2-rc.1@sha256:' + 'a'.repeat(64); }], ['Job', (m) => { main(m).image = 'app'; }]],
  'sidecar-as-container': [['Job', (m) => { pod(m).initContainers = [{ ...main(m), name: 'cloud-sql-proxy', restartPolicy: 'Always' }]; }]],
  'plaintext-secret-env': [['Job', (m) => { main(m).env = [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }, { name: 'LOG_LEVEL', value: 'debug' }]; }]],
  'image-latest-or-untagged': [['Job', (m) => { main(m).image = 'registry.example.com:5000/app@sha256:abcd'; }]],
  'deadline-exceeds-interval-forbid': [['CronJob', (m) => { m.spec.schedule = '0 * * * *'; }]],
  'schedule-dst-gap': [['CronJob', (m) => { m.spec.schedule = '30 2 * * *'; m.spec.timeZone = 'Etc/UTC'; }]],
  'backoff-limit-default': [['Job', (m) => { delete jobSpec(m).backoffLimit; jobSpec(m).completionMode = 'Indexed'; jobSpec(m).completions = 3; jobSpec(m).backoffLimitPerIndex = 1; }]],
  'api-resources': [['Job', (m) => { main(m).resources.limits.memory = '0.125Gi'; main(m).resources.requests.cpu = '1000m'; main(m).resources.limits.cpu = '1'; }]],
  'pod-security-baseline': [
    ['Job', (m) => { main(m).securityContext.capabilities.add = ['CHOWN']; }],
    ['Job', (m) => { pod(m).securityContext.sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 16777216' }]; m.__target = KubernetesVersion.V1_32; }],
  ],
  'pod-security-restricted': [
    ['Job', (m) => { pod(m).hostNetwork = true; }],
    ['Job', (m) => { main(m).securityContext.capabilities.add = ['NET_BIND_SERVICE']; pod(m).volumes = [{ name: 'scratch', emptyDir: {} }, { name: 'data', persistentVolumeClaim: { claimName: 'data' } }]; }],
  ],
  'unknown-field': [['Job', (m) => { m.status = {}; jobSpec(m).managedBy = 'kueue.x-k8s.io/multikueue'; jobSpec(m).suspend = true; }]],
};

function lint(kind: 'Job' | 'CronJob', mutate: (m: any) => void) {
  const m = kind === 'Job' ? goodJob() : goodCronJob();
  mutate(m);
  const target = m.__target;
  delete m.__target;
  return lintManifest(m, { targetVersion: target });
}

describe('the clean manifests', () => {
  test.each(['Job', 'CronJob'] as const)('%s has no errors and no warnings', (kind) => {
    expect(lint(kind, () => undefined).filter((f) => f.severity !== Severity.INFO)).toEqual([]);
  });
});

describe.each(BatchRules.all().map((r) => [r.id, r] as const))('rule %s', (id) => {
  test('has a case that makes it fire', () => expect(FIRES[id]?.length ?? 0).toBeGreaterThan(0));
  test.each((FIRES[id] ?? []).map((c, i) => [i, c[0], c[1], c[2] ?? ''] as const))('fires (case %i on a %s)', (_i, kind, mutate, path) => {
    const hits = lint(kind, mutate).filter((f) => f.ruleId === id);
    expect(hits.length).toBeGreaterThan(0);
    if (path) expect(hits.map((h) => h.path)).toContain(path);
    for (const h of hits) {
      expect(h.message.length).toBeGreaterThan(10);
      expect(h.fix.length).toBeGreaterThan(5);
    }
  });
  test('stays quiet on the clean manifests and the look-alikes', () => {
    const kinds = BatchRules.all().find((r) => r.id === id) ? ['Job', 'CronJob'] as const : [];
    for (const kind of kinds) {
      if (id === 'missed-run-horizon') continue; // informational: always present on CronJobs by design
      expect(lint(kind, () => undefined).filter((f) => f.ruleId === id)).toEqual([]);
    }
    for (const [kind, mutate] of QUIET[id] ?? []) expect(lint(kind, mutate).filter((f) => f.ruleId === id)).toEqual([]);
  });
});

describe('engine', () => {
  test('non-batch objects are skipped', () => {
    expect(lintManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).toEqual([]);
    expect(lintManifest({ apiVersion: 'batch/v1beta1', kind: 'CronJob' })).toEqual([]);
  });
  test('warnings suppressed by annotation with a reason; errors are not suppressible', () => {
    const m = goodJob();
    delete m.spec.ttlSecondsAfterFinished;
    m.metadata.name = 'Bad_Name';
    m.metadata.annotations = { 'cdk8s-batch.io/suppressions': JSON.stringify([{ id: 'no-ttl', reason: 'pruned by Argo CD' }, { id: 'api-metadata', reason: 'trying to hide an error' }]) };
    const ids = lintManifest(m).map((f) => f.ruleId);
    expect(ids).not.toContain('no-ttl');
    expect(ids).toContain('api-metadata');
  });
  test('a suppression without a reason suppresses nothing', () => {
    const m = goodJob();
    delete m.spec.ttlSecondsAfterFinished;
    m.metadata.annotations = { 'cdk8s-batch.io/suppressions': JSON.stringify([{ id: 'no-ttl', reason: ' ' }]) };
    expect(lintManifest(m).map((f) => f.ruleId)).toContain('no-ttl');
  });
  test('a lint with a minimum severity (the rules below it are not run) gives the full findings at or above it', () => {
    const rank = { [Severity.INFO]: 1, [Severity.WARNING]: 2, [Severity.ERROR]: 3 };
    const severityOf = new Map(BatchRules.all().map((r) => [r.id, r.severity]));
    let compared = 0;
    for (const cases of Object.values(FIRES)) {
      for (const [kind, mutate] of cases) {
        const m = kind === 'Job' ? goodJob() : goodCronJob();
        mutate(m);
        const targetVersion = m.__target;
        delete m.__target;
        const all = lintManifest(m, { targetVersion });
        // A rule's severity bounds its hits': what lets the engine skip the rules below the minimum.
        for (const f of all) expect(rank[f.severity]).toBeLessThanOrEqual(rank[severityOf.get(f.ruleId)!]);
        for (const min of [Severity.WARNING, Severity.ERROR]) {
          expect(lintManifest(m, { targetVersion, minSeverity: min })).toEqual(all.filter((f) => rank[f.severity] >= rank[min]));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
  test('min severity filters', () => {
    const m = goodJob();
    delete m.spec.ttlSecondsAfterFinished;
    expect(lintManifest(m, { minSeverity: Severity.ERROR })).toEqual([]);
  });
});

test('a field of a gate that is off in every known release says so, not "on since 1.undefined"', () => {
  const m = goodJob();
  m.spec.template.spec.containers[0].lifecycle = { stopSignal: 'SIGUSR1' };
  const [hit] = lintManifest(m).filter((f) => f.ruleId === 'field-dropped-at-target');
  expect(hit.message).toContain('an alpha feature, off by default in every release so far');
  expect(`${hit.message} ${hit.fix}`).not.toContain('undefined');
});

test.each([
  ['hostnameOverride on 1.34', (m: any) => { m.spec.template.spec.hostnameOverride = 'worker'; }, KubernetesVersion.V1_34, 'spec.template.spec.hostnameOverride'],
  ['a podCertificate projection', (m: any) => { m.spec.template.spec.volumes = [{ name: 'p', projected: { sources: [{ podCertificate: { signerName: 'example.com/s', keyType: 'ED25519', credentialBundlePath: 'c' } }] } }]; }, KubernetesVersion.V1_37, 'spec.template.spec.volumes[0].projected.sources[0].podCertificate'],
] as const)('field-dropped-at-target names %s', (_what, mutate, target, path) => {
  const m = goodJob();
  mutate(m);
  expect(lintManifest(m, { targetVersion: target }).filter((f) => f.ruleId === 'field-dropped-at-target').map((f) => f.path)).toContain(path);
});
