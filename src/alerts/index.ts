// Prometheus alerts for batch workloads: thresholds from the rendered spec; alert rules shared per namespace (default) or per workload.
export { BatchAlert, AlertSeverity } from './rules';
export * from './batch-alerts';
export { CronJobAlertInputs, CronJobThresholds, JobAlertInputs, JobThresholds, cronJobThresholds, jobThresholds, podsStuckDefault, promDuration } from './thresholds';
export { DEFAULT_KUBE_STATE_METRICS_VERSION, KsmScheduleRisk, kubeStateMetricsCaveatsMarkdown, kubeStateMetricsScheduleRisks } from './ksm';
