/**
 * Loaded with `node -r` by synth-examples.ts: resolves `cdk8s-batch` (what the examples import, as
 * users' apps do) to this repository's source. The jest moduleNameMapper and the `paths` of
 * test/tsconfig.json do the same for the tests and the type check.
 */
import Module from 'module';
import * as path from 'path';

const entry = path.join(__dirname, '..', 'src', 'index.ts');
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = resolver._resolveFilename;
resolver._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  return resolve.call(this, request === 'cdk8s-batch' ? entry : request, ...rest);
};
