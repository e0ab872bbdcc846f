import { inspect } from 'util';

/**
 * What a clear configuration error says: where (construct path or file), which field, the bad
 * value, what is wrong, and how to fix it.
 */
export interface ConfigErrorDetails {
  /** Construct path (`chart/nightly-report`) or, for the CLI, `file: Kind/name`. */
  readonly path: string;
  /** Field path inside the manifest or the props, e.g. `spec.jobTemplate.spec.backoffLimit`. */
  readonly field: string;
  /** The offending value, if there is one. */
  readonly value?: unknown;
  /** What is wrong, as a sentence fragment: "must be a positive integer". */
  readonly problem: string;
  /** What to do instead. */
  readonly fix: string;
}

/** Renders a value for a message: strings quoted, objects as compact JSON, long values cut. */
export function formatValue(value: unknown): string {
  let text: string;
  if (value === undefined) return 'nothing';
  if (typeof (value as any)?.toHumanString === 'function') return (value as any).toHumanString(); // a cdk8s Duration
  if (typeof value === 'string') {text = JSON.stringify(value);} else if (typeof value === 'number' || typeof value === 'boolean' || value === null) {text = String(value);} else {
    try {
      text = JSON.stringify(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** `path: field must be ... (got X). Fix: ...` — the one format every error in the library uses. */
export function formatConfigError(details: ConfigErrorDetails): string {
  const got = 'value' in details ? ` (got ${formatValue(details.value)})` : '';
  const field = details.field ? `${details.field} ` : '';
  const fix = details.fix ? `. Fix: ${details.fix}` : '';
  return oneLine(`${details.path}: ${field}${details.problem}${got}${fix}`);
}

/**
 * Line breaks and other control characters (from names, keys, ids the user wrote) escaped: one
 * problem, one line.
 *
 * @jsii ignore
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * Thrown for invalid props or specs. Its stack is just its message: the user needs the construct
 * path, field, value and fix, not the library's call frames. `details` and `problems` are not
 * enumerable, so Node does not print them again after the message.
 *
 * @jsii ignore
 */
export class BatchConfigError extends Error {
  /** The first problem (the only one, unless several were found at once). */
  declare public readonly details: ConfigErrorDetails;
  /** Every problem found, in order. */
  declare public readonly problems: ConfigErrorDetails[];

  constructor(details: ConfigErrorDetails | ConfigErrorDetails[]) {
    const problems = Array.isArray(details) ? details : [details];
    super(problems.length === 1
      ? formatConfigError(problems[0])
      : `${problems.length} problems:\n${problems.map((p) => `  - ${formatConfigError(p)}`).join('\n')}`);
    Object.defineProperties(this, {
      details: { value: problems[0], enumerable: false },
      problems: { value: problems, enumerable: false },
      stack: { value: `BatchConfigError: ${this.message}`, enumerable: false, writable: true, configurable: true },
    });
    // Thrown from a builder or a call as well as from the synth report: printed as its message either way.
    installUncaughtReport();
  }
}
Object.defineProperty(BatchConfigError.prototype, 'name', { value: 'BatchConfigError', enumerable: false, writable: true, configurable: true });

/** Throws one BatchConfigError listing every problem, if there are any. */
export function throwIfProblems(problems: ConfigErrorDetails[]): void {
  if (problems.length > 0) throw new BatchConfigError(problems);
}

const HANDLER = Symbol.for('cdk8s-batch.uncaught-report');

/**
 * Makes an uncaught BatchConfigError print as its message only. Node prints an uncaught error
 * with a source excerpt of the line that threw (`lib/validation/batch-validation.js`) and its
 * `util.inspect` form; neither helps someone whose props are wrong. Installed when the first
 * BatchConfigError is created, outside jest (a test catches the error itself). Any other uncaught error is
 * printed as Node would (without the excerpt) and exits 1, unless the app has its own handler.
 */
export function installUncaughtReport(): void {
  if (process.env.JEST_WORKER_ID !== undefined || (process as any)[HANDLER]) return;
  const handler = (error: unknown) => {
    if (error instanceof BatchConfigError || (error as any)?.name === 'BatchConfigError') {
      process.stderr.write(`\nBatchConfigError: ${(error as Error).message}\n\n`);
      process.exitCode = 1;
      return;
    }
    if (process.listenerCount('uncaughtException') > 1) return;
    process.stderr.write(`${inspect(error)}\n`);
    process.exit(1);
  };
  Object.defineProperty(process, HANDLER, { value: handler, enumerable: false });
  process.on('uncaughtException', handler);
}
