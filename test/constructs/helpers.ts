import { App, Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';

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

/**
 * The error reported for what `fn` builds: constructors record prop problems instead of throwing,
 * and the app reports them all at synth, so this synthesizes the app of the returned construct
 * (or of `scope`) the way `app.synth()` does.
 */
export function thrown(fn: () => unknown, scope?: IConstruct): Error {
  try {
    const built: any = fn();
    // The construct built, or one in the object returned (`{ c, j }`).
    const found = scope ?? (built?.node ? built : Object.values(built ?? {}).find((v: any) => v?.node));
    const root = (found as IConstruct | undefined)?.node?.root;
    if (root instanceof App) root.synthYaml();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

/** `thrown`, for a function that adds to an existing chart. */
export function synthThrown(c: IConstruct, fn: () => unknown): Error {
  return thrown(fn, c);
}
