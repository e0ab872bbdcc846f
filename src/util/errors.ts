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
  return `${details.path}: ${details.field} ${details.problem}${got}. Fix: ${details.fix}`;
}

/**
 * Thrown for invalid props or specs. Its stack is just its message: the user needs the construct
 * path, field, value and fix, not the library's call frames.
 *
 * @jsii ignore
 */
export class BatchConfigError extends Error {
  /** The first problem (the only one, unless several were found at once). */
  public readonly details: ConfigErrorDetails;
  /** Every problem found, in order. */
  public readonly problems: ConfigErrorDetails[];

  constructor(details: ConfigErrorDetails | ConfigErrorDetails[]) {
    const problems = Array.isArray(details) ? details : [details];
    super(problems.length === 1
      ? formatConfigError(problems[0])
      : `${problems.length} problems:\n${problems.map((p) => `  - ${formatConfigError(p)}`).join('\n')}`);
    this.name = 'BatchConfigError';
    this.details = problems[0];
    this.problems = problems;
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Throws one BatchConfigError listing every problem, if there are any. */
export function throwIfProblems(problems: ConfigErrorDetails[]): void {
  if (problems.length > 0) throw new BatchConfigError(problems);
}
