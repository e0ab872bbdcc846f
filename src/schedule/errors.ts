import { formatValue } from '../util/errors';

/**
 * A schedule or time zone that Kubernetes would reject. `message` quotes the field and value,
 * says what the API server would answer (`kubernetesMessage`) and how to fix it.
 *
 * @jsii ignore
 */
export class ScheduleError extends Error {
  /** `schedule` or `timeZone`. */
  public readonly field: 'schedule' | 'timeZone';
  /** The rejected value. */
  public readonly value: string;
  /** What is wrong, in words. */
  public readonly problem: string;
  /** How to fix it. */
  public readonly fix: string;
  /** The API server's own error detail, e.g. `end of range (7) above maximum (6): 7`. */
  public readonly kubernetesMessage?: string;

  constructor(props: { field: 'schedule' | 'timeZone'; value: string; problem: string; fix: string; kubernetesMessage?: string }) {
    super(`spec.${props.field} ${props.problem} (got ${formatValue(props.value)}). Fix: ${props.fix}`);
    this.name = 'ScheduleError';
    this.field = props.field;
    this.value = props.value;
    this.problem = props.problem;
    this.fix = props.fix;
    this.kubernetesMessage = props.kubernetesMessage;
    this.stack = `${this.name}: ${this.message}`;
  }
}
