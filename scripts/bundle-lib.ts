/**
 * Bundles the compiled library's entry point into one file, in place: `lib/index.js` and the ~110
 * modules it requires become one CommonJS file. A `cdk8s synth` then loads one file instead of
 * resolving, reading and wrapping each module, which costs every synth about 25 ms of CPU (3
 * workloads: 230 -> 200 ms, medians of 21 runs; that is 3% of the synth of 1,000 CronJobs).
 *
 * Packages stay outside the bundle, resolved as before: cdk8s, cdk8s-plus-28 and constructs (the
 * app's own copies, peer dependencies), yaml and commander (bundled dependencies). The other files
 * under lib/ stay as jsii wrote them: the CLI (`lib/cli/main.js`) loads those.
 *
 * Run by the post-compile task (`ts-node scripts/bundle-lib.ts`) and by the synth benchmark on its
 * own transpiled copy, so that the benchmark loads what the package ships.
 */
import * as path from 'path';
import { buildSync } from 'esbuild';

/** Replaces `entry` (a compiled index.js) by the bundle of it and every relative module it requires. */
export function bundleLibrary(entry: string): void {
  buildSync({
    entryPoints: [entry],
    outfile: entry,
    allowOverwrite: true,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // jsii's inline source maps are followed back to src/*.ts, into a map beside the bundle
    // (read only when node runs with --enable-source-maps).
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (require.main === module) {
  const entry = path.resolve(process.argv[2] ?? 'lib/index.js');
  bundleLibrary(entry);
  console.log(`bundled ${path.relative(process.cwd(), entry)}`);
}
