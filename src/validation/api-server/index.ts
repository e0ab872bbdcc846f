/**
 * The API server's create path for batch/v1 Job and CronJob, reproduced in order: decode (types),
 * defaulting, the strategy's PrepareForCreate (generated selector and labels, dropped fields of
 * disabled features), then validation. One file per area of the server's own validation:
 *
 * | file | Kubernetes source |
 * |---|---|
 * | decode.ts, schema.ts | JSON decoding into the typed object |
 * | prepare.ts | batch/v1 and core/v1 defaults.go; registry/batch/{job,cronjob}/strategy.go; api/pod/util.go |
 * | object-meta.ts | apimachinery ValidateObjectMeta, ValidateLabels, ValidateLabelSelector |
 * | job.ts, cron-job.ts | apis/batch/validation/validation.go |
 * | pod-spec.ts | core ValidatePodTemplateSpec, ValidatePodSpec (pod-level fields) |
 * | containers.ts, probes.ts, env.ts, volumes.ts, resources.ts, security-context.ts, scheduling.ts | core validation, by area |
 */
import { validateCronJob } from './cron-job';
import { decodeBatchObject, UnknownField } from './decode';
import { FieldError } from './field-error';
import { FeatureGates } from './gates';
import { validateJob } from './job';
import { DroppedField, prepareForCreate } from './prepare';

export { FieldError, describeFieldError } from './field-error';
export { DroppedField } from './prepare';
export { UnknownField } from './decode';
export { FEATURE_GATES, FeatureGates } from './gates';
export { parseQuantity, compareQuantity } from './quantity';

export interface ApiServerVerdict {
  /** Everything the API server would reject, each at the path it reports. Empty: accepted. */
  readonly errors: FieldError[];
  /** Fields the target version drops silently (features off by default there). */
  readonly dropped: DroppedField[];
  /** Fields the API server does not know: dropped, or rejected under strict field validation. */
  readonly unknownFields: UnknownField[];
}

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);

/** What the API server of Kubernetes `1.<minor>` with default feature gates does with `manifest` on create. */
export function apiServerVerdict(manifest: any, minor: number): ApiServerVerdict {
  const gates = new FeatureGates(minor);
  const decoded = decodeBatchObject(manifest);
  const { object, dropped } = prepareForCreate(manifest, gates);
  const ctx = { gates };
  const validation = object.kind === 'CronJob' ? validateCronJob(object, ctx) : validateJob(object, ctx);
  // A decoding error ends the request before validation: drop what validation says of the same values.
  const typed = decoded.errors.map((e) => e.path);
  const errors = decoded.errors.concat(validation.filter((e) => !typed.some((t) => under(e.path, t))));
  return { errors, dropped, unknownFields: decoded.unknownFields };
}
