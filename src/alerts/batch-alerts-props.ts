import type { BatchAlertsProps } from './batch-alerts';
import { alertOptionProblems } from './batch-alerts';
import { checkKsmVersion, DEFAULT_KUBE_STATE_METRICS_VERSION } from './ksm';
import { BatchConfigError } from '../util/errors';

/**
 * The checks `BatchAlerts` makes of its props (throws BatchConfigError), also run by the production
 * constructs for disabled alerts whose (empty) `BatchAlerts` is only made when first asked for.
 * Returns the normalised kube-state-metrics version. `path` is the BatchAlerts' construct path.
 */
export function checkBatchAlertsProps(path: string, props: BatchAlertsProps): string {
  const target = props.target;
  if (target.kind !== 'Job' && target.kind !== 'CronJob') {
    throw new BatchConfigError({ path, field: 'target', value: `${target.apiVersion}/${target.kind}`, problem: 'must be a batch/v1 Job or CronJob', fix: 'pass the ApiObject of a Job or CronJob (ApiObject.of(construct))' });
  }
  const optionProblems = alertOptionProblems(path, props);
  if (optionProblems.length > 0) throw new BatchConfigError(optionProblems);
  const ksmVersion = checkKsmVersion(props.kubeStateMetricsVersion ?? DEFAULT_KUBE_STATE_METRICS_VERSION, path);
  if (props.podsStuckSeconds !== undefined && !(Number.isInteger(props.podsStuckSeconds) && props.podsStuckSeconds > 0)) {
    throw new BatchConfigError({ path, field: 'podsStuckSeconds', value: props.podsStuckSeconds, problem: 'must be a positive whole number of seconds', fix: 'e.g. 600 for 10 minutes' });
  }
  return ksmVersion;
}
