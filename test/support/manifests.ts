import { App, Chart, Testing } from 'cdk8s';
import * as yaml from 'yaml';
import { podSecurityViolations } from '../../src/util/pod-security';

// kubernetes-models ships the Kubernetes OpenAPI schemas (1.31 batch fields included) with validators.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CronJob } = require('kubernetes-models/batch/v1/CronJob');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Job } = require('kubernetes-models/batch/v1/Job');

/** Every manifest of a chart (or of every chart of an app). */
export function synthManifests(scope: Chart | App): any[] {
  if (scope instanceof Chart) return Testing.synth(scope);
  return scope.charts.flatMap((c) => Testing.synth(c));
}

/** JSON-schema errors of a Job/CronJob against the Kubernetes OpenAPI (empty = valid). */
export function schemaErrors(manifest: any): string[] {
  const model = manifest.kind === 'Job' ? Job : manifest.kind === 'CronJob' ? CronJob : undefined;
  if (!model) return [];
  try {
    new model(manifest).validate();
    return [];
  } catch (e) {
    return [(e as Error).message];
  }
}

/** The pod spec of a Job or CronJob manifest. */
export function podSpecOf(manifest: any): any {
  return manifest.kind === 'CronJob' ? manifest.spec.jobTemplate.spec.template.spec : manifest.spec.template.spec;
}

/** Asserts every Job/CronJob passes the OpenAPI schema and Pod Security "restricted". */
export function expectProductionReady(manifests: any[]): void {
  const batch = manifests.filter((m) => m.kind === 'Job' || m.kind === 'CronJob');
  expect(batch.length).toBeGreaterThan(0);
  for (const m of batch) {
    expect({ name: m.metadata.name, schemaErrors: schemaErrors(m) }).toEqual({ name: m.metadata.name, schemaErrors: [] });
    expect({ name: m.metadata.name, podSecurity: podSecurityViolations(podSpecOf(m)) }).toEqual({ name: m.metadata.name, podSecurity: [] });
  }
}

/** YAML of manifests, as `cdk8s synth` writes it. */
export function toYaml(manifests: any[]): string {
  return manifests.map((m) => yaml.stringify(m)).join('---\n');
}
