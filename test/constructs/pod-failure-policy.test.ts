import { ExitCodeOperator, PodFailurePolicy, PodFailurePolicyAction } from '../../src';

describe('PodFailurePolicy builder', () => {
  test('builds rules in order, codes sorted', () => {
    const p = PodFailurePolicy.create()
      .ignorePodConditions(['DisruptionTarget'])
      .failJobOnExitCodes([42, 3], { container: 'main' })
      .countOnExitCodes([1, 2], { operator: ExitCodeOperator.NOT_IN })
      .onPodConditions(PodFailurePolicyAction.FAIL_JOB, ['ConfigIssue']);
    expect(p.rules).toEqual([
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [3, 42] } },
      { action: 'Count', onExitCodes: { operator: 'NotIn', values: [1, 2] } },
      { action: 'FailJob', onPodConditions: [{ type: 'ConfigIssue', status: 'True' }] },
    ]);
    expect(p.ignoresDisruptions).toBe(true);
    expect(p.usesFailIndex).toBe(false);
  });
  test('is immutable', () => {
    const a = PodFailurePolicy.create();
    a.failJobOnExitCodes([1]);
    expect(a.rules).toEqual([]);
  });
  test('NotIn may contain 0', () => expect(() => PodFailurePolicy.create().failJobOnExitCodes([0], { operator: ExitCodeOperator.NOT_IN })).not.toThrow());
  test.each([
    [() => PodFailurePolicy.create().failJobOnExitCodes([]), 'must list at least one exit code'],
    [() => PodFailurePolicy.create().failJobOnExitCodes([0]), 'must not contain 0 with operator In'],
    [() => PodFailurePolicy.create().failJobOnExitCodes([256]), 'must hold integer exit codes from 0 to 255 (got 256)'],
    [() => PodFailurePolicy.create().failJobOnExitCodes([1.5]), 'must hold integer exit codes from 0 to 255 (got 1.5)'],
    [() => PodFailurePolicy.create().failJobOnExitCodes([3, 3]), 'must not repeat an exit code'],
    [() => PodFailurePolicy.create().failJobOnExitCodes([1], { container: 'Main_Container' }), 'containerName must be a container name'],
    [() => PodFailurePolicy.create().ignorePodConditions([]), 'must name at least one pod condition type'],
    [() => PodFailurePolicy.create().ignorePodConditions(['bad type']), 'must be a valid condition type'],
    [() => Array.from({ length: 21 }).reduce((p: PodFailurePolicy, _v, i) => p.failJobOnExitCodes([i + 1]), PodFailurePolicy.create()), 'rules must hold at most 20 rules'],
  ])('rejects %#', (fn, message) => {
    expect(fn).toThrow(message);
  });
});
