/** A clean Job and CronJob (no warnings) to mutate in the rule tests. */
export function goodPod(): any {
  return {
    restartPolicy: 'Never',
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{
      name: 'main',
      image: 'registry.example.com/app:1.2.3',
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
    }],
  };
}

export function goodJob(): any {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    // Flux replaces it on change: a fixed name is fine (job-fixed-name-no-update-strategy stays quiet).
    metadata: { name: 'migrate', namespace: 'shop', annotations: { 'kustomize.toolkit.fluxcd.io/force': 'enabled' } },
    spec: {
      activeDeadlineSeconds: 900,
      backoffLimit: 1,
      ttlSecondsAfterFinished: 86400,
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
      template: { spec: goodPod() },
    },
  };
}

export function goodCronJob(): any {
  const job = goodJob().spec;
  delete job.ttlSecondsAfterFinished;
  // A CronJob's runs are created fresh by the controller.
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'report', namespace: 'reporting' },
    spec: {
      schedule: '15 4 * * *',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      suspend: false,
      jobTemplate: { spec: job },
    },
  };
}
