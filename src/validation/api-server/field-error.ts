/**
 * Field errors as the Kubernetes API server reports them (`k8s.io/apimachinery/pkg/util/validation/field`):
 * a type, the field path, the bad value and a detail. Each validation area stamps its own rule id,
 * so a finding names the area (and file) whose rule rejected the object.
 */
export type FieldErrorType = 'Required value' | 'Invalid value' | 'Unsupported value' | 'Duplicate value' | 'Forbidden' | 'Too long' | 'Too many' | 'Not found' | 'Type error';

export interface FieldError {
  /** The area rule that found it, e.g. `api-job-spec`. */
  readonly ruleId: string;
  readonly type: FieldErrorType;
  /** The path the API server reports, e.g. `spec.template.spec.containers[0].name`. */
  readonly path: string;
  readonly value?: unknown;
  readonly detail: string;
  /** A fix more specific than the area rule's. */
  readonly fix?: string;
}

const show = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v);
  try {
    const s = JSON.stringify(v);
    if (s === undefined) return String(v);
    return s.length > 100 ? `${s.slice(0, 97)}...` : s;
  } catch {
    return String(v);
  }
};

/** The API server's wording for one error, without the path: `Invalid value: -1: must be …`. */
export function describeFieldError(e: FieldError): string {
  switch (e.type) {
    case 'Invalid value':
    case 'Not found':
    case 'Duplicate value':
    case 'Type error':
      return `${e.type}: ${show(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
    case 'Unsupported value':
      return `${e.type}: ${show(e.value)}: ${e.detail}`;
    default:
      return e.detail ? `${e.type}: ${e.detail}` : e.type;
  }
}

/** Constructors for one area's errors, each stamped with the area's rule id. */
export function errorsFor(ruleId: string) {
  const mk = (type: FieldErrorType, path: string, detail: string, value?: unknown, fix?: string): FieldError =>
    ({ ruleId, type, path, detail, ...(value !== undefined || type === 'Invalid value' ? { value } : {}), ...(fix ? { fix } : {}) });
  return {
    required: (path: string, detail = '', fix?: string) => mk('Required value', path, detail, undefined, fix),
    invalid: (path: string, value: unknown, detail: string, fix?: string) => mk('Invalid value', path, detail, value, fix),
    notSupported: (path: string, value: unknown, valid: readonly string[], fix?: string) =>
      mk('Unsupported value', path, `supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}`, value, fix ?? `use one of ${valid.map((v) => JSON.stringify(v)).join(', ')}`),
    duplicate: (path: string, value: unknown) => mk('Duplicate value', path, '', value, 'remove or rename the repeated entry'),
    forbidden: (path: string, detail: string, fix?: string) => mk('Forbidden', path, detail, undefined, fix),
    tooLong: (path: string, max: number) => mk('Too long', path, `may not be more than ${max} bytes`),
    tooMany: (path: string, actual: number, max: number) => mk('Too many', path, `${actual}: must have at most ${max} items`),
    notFound: (path: string, value: unknown, fix?: string) => mk('Not found', path, '', value, fix),
  };
}

export type ErrorConstructors = ReturnType<typeof errorsFor>;
