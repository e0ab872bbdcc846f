import { InvalidArgumentError } from 'commander';
import { KubernetesVersion, MAX_SUPPORTED_MINOR, MIN_SUPPORTED_MINOR } from '../util/k8s-version';

/** Help text for a `--target-version` option, with the supported range (never a hard-coded list). */
export function versionOptionHelp(what: string): string {
  return `${what}, 1.${MIN_SUPPORTED_MINOR} to 1.${MAX_SUPPORTED_MINOR}`;
}

/** Parses `--target-version`; a bad value is a usage error (exit 2). */
export function parseVersionOption(v: string): KubernetesVersion {
  try {
    return KubernetesVersion.of(v);
  } catch {
    throw new InvalidArgumentError(`must be a Kubernetes version from 1.${MIN_SUPPORTED_MINOR} to 1.${MAX_SUPPORTED_MINOR}, e.g. ${KubernetesVersion.DEFAULT.name}`);
  }
}
