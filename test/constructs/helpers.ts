import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

export const requests = (cpu = 100, memMi = 128): kplus.ContainerResources => ({
  cpu: { request: kplus.Cpu.millis(cpu) },
  memory: { request: Size.mebibytes(memMi) },
});

export const container = (over: Partial<kplus.ContainerProps> = {}): kplus.ContainerProps => ({
  name: 'main', image: 'registry.example.com/app:1.2.3', resources: requests(), ...over,
});

export function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'batch' });
}

/** Runs what `cdk8s synth` runs (validations, then rendering) and returns the error message, if any. */
export function synthError(c: Chart): string | undefined {
  try {
    for (const child of c.node.findAll()) child.node.validate();
    Testing.synth(c);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}
