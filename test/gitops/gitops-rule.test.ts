import { Duration, Size, Testing, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { KubernetesVersion, ProductionJob, UpdateStrategy } from '../../src';
import { contextOf } from '../../src/validation/api-rules';
import { JOB_FIXED_NAME_RULE } from '../../src/validation/gitops-rule';
import { Severity } from '../../src/validation/types';
import { goodCronJob, goodJob } from '../validation/manifests';

const check = (manifest: any) => JOB_FIXED_NAME_RULE.check(contextOf(manifest, KubernetesVersion.DEFAULT));
const job = (metadata: any) => ({ ...goodJob(), metadata: { namespace: 'shop', ...metadata } });

test('the rule: warning, Jobs only, a fix that names the strategies', () => {
  expect(JOB_FIXED_NAME_RULE.id).toBe('job-fixed-name-no-update-strategy');
  expect(JOB_FIXED_NAME_RULE.severity).toBe(Severity.WARNING);
  expect(JOB_FIXED_NAME_RULE.kinds).toEqual(['Job']);
  for (const s of ['contentHash', 'argocd.argoproj.io/hook', 'helm.sh/hook', 'kustomize.toolkit.fluxcd.io/force']) expect(JOB_FIXED_NAME_RULE.fix).toContain(s);
});

describe('fires', () => {
  test('a standalone Job with a fixed name and no strategy', () => {
    expect(check(job({ name: 'migrate' }))).toEqual([{
      path: 'metadata.name',
      message: 'Job "migrate" has a fixed name and no update strategy: the next change to its pod template (image, command, env, resources) is refused with "spec.template: field is immutable"',
    }]);
  });

  test('unrelated annotations and owners do not count', () => {
    expect(check(job({ name: 'migrate', annotations: { 'argocd.argoproj.io/sync-wave': '-1', 'argocd.argoproj.io/sync-options': 'Replace=true' } }))).toHaveLength(1);
    expect(check(job({ name: 'migrate', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: '1' }] }))).toHaveLength(1);
  });

  test.each<[string, any, string]>([
    ['an Argo CD hook type in the wrong case', { 'argocd.argoproj.io/hook': 'presync' }, 'argocd.argoproj.io/hook "presync" is not a Argo CD hook type'],
    ['an unknown Argo CD delete policy', { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'OnSuccess' }, '"OnSuccess" is not a Argo CD hook deletion policy'],
    ['an unknown Helm hook', { 'helm.sh/hook': 'pre-install, pre-deploy' }, 'helm.sh/hook "pre-deploy" is not a Helm hook'],
    ['a Helm delete policy in Argo CD spelling', { 'helm.sh/hook': 'pre-upgrade', 'helm.sh/hook-delete-policy': 'HookSucceeded' }, 'is not a Helm hook deletion policy'],
    ['a Helm weight that is not an integer', { 'helm.sh/hook': 'pre-upgrade', 'helm.sh/hook-weight': 'first' }, 'helm.sh/hook-weight "first" is not a whole number'],
    ['Flux force "true" (only "enabled" works)', { 'kustomize.toolkit.fluxcd.io/force': 'true' }, 'Flux only re-creates the object for the value "enabled"'],
    ['the content-hash marker on a name without a hash', { 'cdk8s-batch.io/update-strategy': 'content-hash' }, 'carries no content hash'],
  ])('a strategy annotation its tool does not accept: %s', (_what, annotations, message) => {
    const hits = check(job({ name: 'migrate', annotations }));
    expect(hits.map((h) => h.message).join('\n')).toContain(message);
    expect(hits.every((h) => h.path.startsWith('metadata.'))).toBe(true);
  });

  test('the library\'s own default (fixed name) is reported, with the rendered name', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'batch' });
    new ProductionJob(c, 'j', { metadata: { name: 'report' }, activeDeadline: Duration.minutes(5), containers: [{ image: 'a:1', resources: { cpu: { request: kplus.Cpu.millis(10) }, memory: { request: Size.mebibytes(10) } } }] });
    expect(check(Testing.synth(c)[0]).map((h) => h.path)).toEqual(['metadata.name']);
  });
});

describe('stays quiet', () => {
  test.each<[string, any]>([
    ['generateName, no name', { generateName: 'migrate-' }],
    ['a Job created by a CronJob', { name: 'report-29000000', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'report', uid: '1', controller: true }] }],
    ['a Job created by another controller', { name: 'wf-step', ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', name: 'wf', uid: '1', controller: true }] }],
    ['an Argo CD hook', { name: 'migrate', annotations: { 'argocd.argoproj.io/hook': 'PreSync' } }],
    ['an Argo CD hook with several phases and policies', { name: 'migrate', annotations: { 'argocd.argoproj.io/hook': 'PreSync, SyncFail', 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded,BeforeHookCreation' } }],
    ['Argo CD Skip', { name: 'migrate', annotations: { 'argocd.argoproj.io/hook': 'Skip' } }],
    ['Argo CD Force=true,Replace=true', { name: 'migrate', annotations: { 'argocd.argoproj.io/sync-options': 'Force=true,Replace=true' } }],
    ['a Helm hook', { name: 'migrate', annotations: { 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '-5', 'helm.sh/hook-delete-policy': 'before-hook-creation' } }],
    ['Flux force annotation', { name: 'migrate', annotations: { 'kustomize.toolkit.fluxcd.io/force': 'enabled' } }],
    ['Flux force label', { name: 'migrate', labels: { 'kustomize.toolkit.fluxcd.io/force': 'enabled' } }],
    ['a content-hashed name', { name: 'migrate-0123456789', annotations: { 'cdk8s-batch.io/update-strategy': 'content-hash' } }],
  ])('%s', (_what, metadata) => expect(check(job(metadata))).toEqual([]));

  test('CronJobs are out of scope', () => expect(JOB_FIXED_NAME_RULE.kinds).not.toContain(goodCronJob().kind));

  test.each([
    ['contentHash()', UpdateStrategy.contentHash()],
    ['argoCdHook()', UpdateStrategy.argoCdHook()],
    ['helmHook()', UpdateStrategy.helmHook({ weight: -1 })],
    ['fluxForce()', UpdateStrategy.fluxForce()],
  ])('every strategy of the library satisfies the rule: %s', (_what, updateStrategy) => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'batch' });
    new ProductionJob(c, 'j', { metadata: { name: 'report' }, activeDeadline: Duration.minutes(5), updateStrategy, containers: [{ image: 'a:1', resources: { cpu: { request: kplus.Cpu.millis(10) }, memory: { request: Size.mebibytes(10) } } }] });
    expect(check(Testing.synth(c)[0])).toEqual([]);
  });
});
