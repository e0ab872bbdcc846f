/**
 * CronJob (batch validation `ValidateCronJobCreate`, `validateCronJobSpec`, `validateScheduleFormat`,
 * `validateTimeZone`, `validateConcurrencyPolicy`). The schedule and zone rules are the project's
 * port of robfig/cron and Go's zone loading, shared with the schedule module.
 */
import { PodValidationContext } from './context';
import { errorsFor, FieldError } from './field-error';
import { validateJobTemplate } from './job';
import { validateObjectMeta } from './object-meta';
import { append, isInt, isSet, obj } from './values';
import { apiServerScheduleErrors } from '../../schedule/cron-schedule';

const E = errorsFor('api-cronjob-spec');
const CONCURRENCY = ['Allow', 'Forbid', 'Replace'];
/** The controller appends `-<11 characters>` to name each Job; Job names are DNS labels (63). */
const MAX_CRONJOB_NAME = 52;

const nonNegative = (v: unknown, path: string): FieldError[] => (isInt(v) && v < 0 ? [E.invalid(path, v, 'must be greater than or equal to 0', 'use 0 or more')] : []);

export function validateCronJob(cronJob: any, ctx: PodValidationContext): FieldError[] {
  const meta = obj(cronJob.metadata);
  const spec = obj(cronJob.spec);
  const errs = validateObjectMeta(meta);
  if (typeof spec.schedule !== 'string' || spec.schedule === '') {
    errs.push(E.required('spec.schedule', '', 'set a schedule such as "0 2 * * *"'));
  }
  const schedule = typeof spec.schedule === 'string' ? spec.schedule : '';
  const timeZone = typeof spec.timeZone === 'string' ? spec.timeZone : undefined;
  for (const e of apiServerScheduleErrors(schedule, timeZone)) {
    if (e.field === 'schedule' && schedule === '') continue;
    errs.push(E.invalid(`spec.${e.field}`, e.value, e.kubernetesMessage ?? e.problem, e.fix));
  }
  append(errs, nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  if (isSet(spec.concurrencyPolicy) && !CONCURRENCY.includes(spec.concurrencyPolicy)) errs.push(E.notSupported('spec.concurrencyPolicy', spec.concurrencyPolicy, CONCURRENCY));
  append(errs, validateJobTemplate(spec.jobTemplate, ctx));
  append(errs, nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  append(errs, nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  if (typeof meta.name === 'string' && meta.name.length > MAX_CRONJOB_NAME) {
    errs.push(E.invalid('metadata.name', meta.name, `must be no more than ${MAX_CRONJOB_NAME} characters`, `shorten the name to ${MAX_CRONJOB_NAME} characters: the controller appends 11 to name each Job`));
  }
  return errs;
}
