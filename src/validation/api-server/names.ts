/**
 * Name and value syntax (k8s.io/apimachinery/pkg/util/validation): each function returns the
 * problems with a value, empty when it is valid, in the API server's words.
 */
import { isIPv6 } from 'net';
import { append } from './values';

const LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const C_IDENTIFIER_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const STRICT_ENV_RE = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_MAP_KEY_RE = /^[-._a-zA-Z0-9]+$/;
const HTTP_HEADER_RE = /^[-A-Za-z0-9]+$/;

/**
 * Label and annotation keys and condition types come from a small vocabulary that every workload
 * repeats: remember the ones found valid (only that, so a caller still gets a list of its own to
 * extend). Names and label values, unique per workload, are not worth remembering.
 */
function rememberValid(check: (v: string) => string[]): (v: string) => string[] {
  const valid = new Set<string>();
  return (v) => {
    if (valid.has(v)) return [];
    const errs = check(v);
    if (errs.length === 0) {
      if (valid.size > 10_000) valid.clear();
      valid.add(v);
    }
    return errs;
  };
}

export function dns1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_RE.test(v)) {
    errs.push(`a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character${v.includes('.') ? ' (must not contain dots)' : ''}`);
  }
  return errs;
}

export function dns1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!SUBDOMAIN_RE.test(v)) errs.push("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
  return errs;
}

/** `prefix/name` or `name`, as label keys, annotation keys, condition types and finalizers use. */
export const qualifiedName = rememberValid((v: string): string[] => {
  const parts = v.split('/');
  let name: string;
  const errs: string[] = [];
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else append(errs, dns1123Subdomain(prefix).map((e) => `prefix part ${e}`));
  } else {
    return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character with an optional DNS subdomain prefix and '/'"];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length > 0 && !QUALIFIED_NAME_RE.test(name)) errs.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
  return errs;
});

export function labelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE_RE.test(v)) errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
  return errs;
}

export function cIdentifier(v: string): string[] {
  return C_IDENTIFIER_RE.test(v) ? [] : ["a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'"];
}

/** Environment variable names: relaxed (printable ASCII but '=') or the old strict pattern. */
export function envVarName(v: string, relaxed: boolean): string[] {
  if (relaxed) {
    return v.length > 0 && /^[\x20-\x7e]*$/.test(v) && !v.includes('=')
      ? [] : ["a valid environment variable name must consist only of printable ASCII characters other than '='"];
  }
  const errs = STRICT_ENV_RE.test(v) ? [] : ["a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit"];
  if (v === '.') errs.push("must not be '.'");
  else if (v === '..') errs.push("must not be '..'");
  else if (v.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

export function configMapKey(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!CONFIG_MAP_KEY_RE.test(v)) errs.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.'");
  if (v === '.') errs.push("must not be '.'");
  else if (v === '..') errs.push("must not be '..'");
  else if (v.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** IANA service names, as container port names must be. */
export function portName(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(v)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(v)) errs.push('must contain at least one letter (a-z)');
  if (v.includes('--')) errs.push('must not contain consecutive hyphens');
  if (v.startsWith('-') || v.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

export function portNumber(v: number): string[] {
  return Number.isInteger(v) && v >= 1 && v <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/**
 * The server's IP parser (netutils.ParseIPSloppy, Go 1.16's net.ParseIP): IPv4 octets may have
 * leading zeros (read as decimal), and an IPv6 zone ("%eth0") is not an address.
 */
export function ipAddress(v: string): string[] {
  const octets = v.split('.');
  const sloppyV4 = octets.length === 4 && octets.every((o) => /^\d+$/.test(o) && Number(o) <= 255);
  const ok = !v.includes('%') && (sloppyV4 || isIPv6(v));
  return ok ? [] : ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'];
}

export function httpHeaderName(v: string): string[] {
  return HTTP_HEADER_RE.test(v) ? [] : ["a valid HTTP header must consist of alphanumeric characters or '-'"];
}

/** `acme.io/foo`: a DNS subdomain, a slash, and a non-empty path. */
export function domainPrefixedPath(v: string): string[] {
  const i = v.indexOf('/');
  if (i <= 0 || i === v.length - 1) return ['must be a domain-prefixed path (such as "acme.io/foo")'];
  const errs = dns1123Subdomain(v.slice(0, i));
  if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(v.slice(i + 1))) errs.push("path part must consist of characters in A-Za-z0-9/-._~%!$&'()*+,;=:");
  return errs;
}

/** Relative paths that stay inside their root (subPath, items[].path). */
export function localPath(v: string): string[] {
  const errs: string[] = [];
  if (v.startsWith('/')) errs.push('must be a relative path');
  if (v.split('/').includes('..')) errs.push("must not contain '..'");
  return errs;
}

/**
 * What apimachinery's name checks do to a prefix (`generateName`, envFrom names): a trailing "-" is
 * checked as if a suffix followed, by replacing the last two characters with "a".
 */
export function maskTrailingDash(v: string): string {
  return v.length > 1 && v.endsWith('-') ? `${v.slice(0, -2)}a` : v;
}
