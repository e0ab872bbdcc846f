import * as fs from 'fs';
import * as path from 'path';

/** The shared ground-truth samples (../shared beside the repository). */
export function loadSample<T>(file: string): { meta: any; cases: T[] } {
  const p = path.join(__dirname, '..', '..', '..', 'shared', 'samples', file);
  if (!fs.existsSync(p)) {
    throw new Error(`ground-truth sample ${p} is missing: the tests expect ../shared beside the repository`);
  }
  return JSON.parse(fs.readFileSync(p, 'utf8'));
}

export interface NextCase {
  id: string;
  category: string;
  schedule: string;
  timeZone: string | null;
  from: string;
  valid: boolean;
  error: string | null;
  panic: boolean;
  k8sAccepted: boolean;
  k8sErrors: string[];
  controllerSpec: string | null;
  controllerError: string | null;
  next: Array<string | null>;
  note?: string;
}

/** RFC3339 as Go prints it: no fractional part when whole, else trailing zeros trimmed. */
export function iso(d: Date | undefined | null): string | null {
  return d ? d.toISOString().replace(/\.000Z$/, 'Z').replace(/(\.\d*?)0+Z$/, '$1Z') : null;
}
