import { ConfigErrorDetails } from '../util/errors';
import { dns1123Label, dns1123Subdomain } from '../validation/api-server/names';


/**
 * Job names end up as the value of the pods' `batch.kubernetes.io/job-name` label (max 63
 * characters); CronJob names get an 11-character suffix for each run (max 52).
 */
export const MAX_JOB_NAME = 63;
export const MAX_CRONJOB_NAME = 52;

/** Checks a rendered Job/CronJob name: DNS-1123 subdomain and the kind's length limit. */
export function workloadNameProblems(path: string, kind: 'Job' | 'CronJob', name: string): ConfigErrorDetails[] {
  const max = kind === 'Job' ? MAX_JOB_NAME : MAX_CRONJOB_NAME;
  if (dns1123Subdomain(name).length > 0) {
    return [{
      path,
      field: 'metadata.name',
      value: name,
      problem: 'must be a DNS-1123 subdomain (lower case letters, digits, "-" and ".", starting and ending with a letter or digit)',
      fix: 'set metadata.name to e.g. "nightly-report", or rename the construct id',
    }];
  }
  if (name.length > max) {
    const why = kind === 'Job'
      ? 'the name becomes the pods\' batch.kubernetes.io/job-name label value, which is limited to 63 characters'
      : 'the CronJob controller appends an 11-character suffix to name each Job, and Job names must fit in 63 characters';
    return [{
      path,
      field: 'metadata.name',
      value: name,
      problem: `must be at most ${max} characters (${why}); it has ${name.length}`,
      fix: 'set a shorter metadata.name (cdk8s adds an 8-character hash to generated names, so keep ids short or set metadata.name explicitly)',
    }];
  }
  return [];
}

/** Container names must be DNS-1123 labels. */
export function isDns1123Label(name: string): boolean {
  return dns1123Label(name).length === 0;
}
