import { Duration, Testing } from 'cdk8s';
import { chart, container, thrown } from './helpers';
import { IndexedShardJob, KubernetesVersion, PodFailurePolicy, SpotProvider, SpotTolerantJob } from '../../src';
import { expectProductionReady } from '../support/manifests';

describe('IndexedShardJob', () => {
  const make = (props: any = {}, c = chart()) => {
    new IndexedShardJob(c, 'shards', { shards: 8, activeDeadline: Duration.hours(1), containers: [container()], ...props });
    return Testing.synth(c)[0];
  };
  test('Indexed, completions = shards, all in parallel, TOTAL_SHARDS on the containers', () => {
    const m = make();
    expect(m.spec).toMatchObject({ completionMode: 'Indexed', completions: 8, parallelism: 8, backoffLimit: 2 });
    expect(m.spec.template.spec.containers[0].env).toEqual([{ name: 'TOTAL_SHARDS', value: '8' }]);
    expectProductionReady([m]);
  });
  test('parallelism and per-index retries (no shared backoffLimit default then)', () => {
    const podFailurePolicy = PodFailurePolicy.create().failIndexOnExitCodes([2]);
    const m = make({ parallelism: 2, backoffLimitPerIndex: 1, maxFailedIndexes: 3, podFailurePolicy });
    expect(m.spec).toMatchObject({ parallelism: 2, backoffLimitPerIndex: 1, maxFailedIndexes: 3 });
    expect(m.spec.backoffLimit).toBeUndefined();
    expect(m.spec.podFailurePolicy.rules[1]).toEqual({ action: 'FailIndex', onExitCodes: { operator: 'In', values: [2] } });
    expectProductionReady([m]);
  });
  test('on spot nodes: required affinity, toleration, disruptions ignored', () => {
    const m = make({ spot: SpotProvider.AKS });
    const pod = m.spec.template.spec;
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0])
      .toEqual({ key: 'kubernetes.azure.com/scalesetpriority', operator: 'In', values: ['spot'] });
    expect(pod.tolerations).toEqual([{ key: 'kubernetes.azure.com/scalesetpriority', operator: 'Equal', value: 'spot', effect: 'NoSchedule' }]);
    expect(pod.containers[0].env).toEqual([{ name: 'TOTAL_SHARDS', value: '8' }]);
    expect(m.spec.podFailurePolicy.rules[0].action).toBe('Ignore');
  });
  test('no spot scheduling by default', () => expect(make().spec.template.spec.affinity).toBeUndefined());
  test.each([
    [{ spot: SpotProvider.EKS, ignoreDisruptions: false }, 'ignoreDisruptions must stay true on spot nodes'],
    [{ shards: 0 }, 'test/shards: shards must be a whole number from 1 to 100000 (got 0)'],
    [{ shards: 2.5 }, 'shards must be a whole number'],
    [{ maxFailedIndexes: 1 }, 'maxFailedIndexes can only be set together with backoffLimitPerIndex'],
    [{ backoffLimitPerIndex: 1, targetVersion: KubernetesVersion.V1_28 }, 'backoffLimitPerIndex needs Kubernetes 1.29 or newer'],
    [{ podFailurePolicy: PodFailurePolicy.create().failIndexOnExitCodes([2]) }, 'uses the FailIndex action, which the API server only accepts with backoffLimitPerIndex'],
  ])('rejects %j', (props, message) => {
    expect(thrown(() => make(props)).message).toContain(message);
  });
});

describe('SpotTolerantJob', () => {
  const make = (props: any = {}) => {
    const c = chart();
    new SpotTolerantJob(c, 'spot', { spot: SpotProvider.GKE, activeDeadline: Duration.hours(2), containers: [container()], ...props });
    return Testing.synth(c)[0];
  };
  test('requires spot nodes, tolerates their taint, ignores disruptions', () => {
    const m = make();
    const pod = m.spec.template.spec;
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms)
      .toEqual([{ matchExpressions: [{ key: 'cloud.google.com/gke-spot', operator: 'In', values: ['true'] }] }]);
    expect(pod.tolerations).toEqual([{ key: 'cloud.google.com/gke-spot', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]);
    expect(m.spec.podFailurePolicy.rules[0]).toEqual({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] });
    expectProductionReady([m]);
  });
  test('preferring spot, without a taint (Karpenter)', () => {
    const pod = make({ spot: SpotProvider.KARPENTER, requireSpot: false }).spec.template.spec;
    expect(pod.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution)
      .toEqual([{ weight: 100, preference: { matchExpressions: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }] } }]);
    expect(pod.tolerations).toBeUndefined();
  });
  test('checkpoint volume and CHECKPOINT_DIR', () => {
    const m = make({ checkpoint: { claimName: 'work-checkpoints' } });
    const pod = m.spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'checkpoint', persistentVolumeClaim: { claimName: 'work-checkpoints' } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'checkpoint', mountPath: '/checkpoint' });
    expect(pod.containers[0].env).toContainEqual({ name: 'CHECKPOINT_DIR', value: '/checkpoint' });
    expectProductionReady([m]);
  });
  test('custom providers', () => {
    const pod = make({ spot: SpotProvider.custom('node.example.com/lifecycle', 'spot', 'NoExecute') }).spec.template.spec;
    expect(pod.tolerations[0]).toEqual({ key: 'node.example.com/lifecycle', operator: 'Equal', value: 'spot', effect: 'NoExecute' });
  });
  test.each([
    [{ spot: undefined }, 'test/spot: spot is required'],
    [{ ignoreDisruptions: false }, 'ignoreDisruptions must stay true on spot nodes'],
    [{ checkpoint: { claimName: 'Bad Name' } }, 'checkpoint.claimName must be a PersistentVolumeClaim name'],
  ])('rejects %j', (props, message) => {
    expect(thrown(() => make(props)).message).toContain(message);
  });
});
