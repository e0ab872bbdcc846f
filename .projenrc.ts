import { cdk8s, javascript, JsonFile } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-batch',
  description: 'Production-safe Kubernetes Jobs and CronJobs for cdk8s: safe defaults, synth-time validation, Kubernetes-exact schedules and matching Prometheus alerts.',
  author: 'cdk8s-batch maintainers',
  authorAddress: 'maintainers@users.noreply.cdk8s-batch.example',
  repositoryUrl: 'https://github.com/cdk8s-batch/cdk8s-batch.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  keywords: ['cdk8s', 'kubernetes', 'job', 'cronjob', 'batch', 'prometheus'],

  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',
  minNodeVersion: '20.0.0',

  // Registries for other languages are not reachable here; the JS package only.
  github: false,
  release: false,
  buildWorkflow: false,
  docgen: true,

  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // jsii requires non-jsii runtime dependencies to be bundled.
  bundledDeps: ['yaml@^2.8.0', 'commander@^12.1.0'],
  devDeps: [
    'cdk8s-plus-28@2.5.6',
    'cdk8s-cli@^2.200.0',
    'fast-check@^4.3.0',
    'kubernetes-models@^4.4.0',
    '@kubernetes-models/validate@^4.0.0',
    '@prometheus-io/lezer-promql@^0.306.0',
    'cron-parser@^5.3.0',
    'ts-node@^10.9.2',
    // Drives Debian's /usr/bin/chromium for the report's browser test (never downloads a browser).
    'playwright-core@^1.56.0',
    // Bundles lib/index.js into one file after jsii's compile (scripts/bundle-lib.ts).
    'esbuild@^0.28.2',
  ],

  eslintOptions: { dirs: ['src'], devdirs: ['test', 'examples', 'bench', 'scripts', 'projenrc'] },

  bin: { 'cdk8s-batch': 'lib/cli/main.js' },

  jestOptions: {
    // Snapshots are assertions: never rewrite them during a test run (use `npx projen test:update`).
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,

    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // The examples import 'cdk8s-batch' as users' apps do; in this repository that is the source.
      moduleNameMapper: { '^cdk8s-batch$': '<rootDir>/src/index.ts' },
      testPathIgnorePatterns: ['/node_modules/', '/lib/', '/dist/'],
      collectCoverage: false,
    },
  },
  tsconfigDev: {
    include: ['../examples/**/*.ts', '../bench/**/*.ts', '../scripts/**/*.ts'],
    // 'cdk8s-batch' (what the examples import) is this repository's source (paths are relative to test/).
    compilerOptions: { paths: { 'cdk8s-batch': ['../src/index.ts'] } },
  },
  gitignore: ['/dist/', '/.bench/'],

});

// Error messages are long sentences by design; keep the line limit for code, not for the strings.
project.eslint?.addRules({
  '@stylistic/max-len': ['error', { code: 150, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreComments: true }],
});

// jsii warns on every run that Node 20 is past its support window; that is noise here.
// @jsii/check-node reads the end-of-life variable as a comma-separated list of silenced major
// versions (not a flag), so "1" silenced nothing; the others are plain flags.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION', '1');
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '18,20');
project.tasks.addEnvironment('JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION', '1');

// The examples import 'cdk8s-batch' as users' apps do (mapped to src/ for jest, tsc and the examples task).
project.eslint?.addOverride({ files: ['examples/**/*.ts'], rules: { 'import/no-unresolved': ['error', { ignore: ['^cdk8s-batch$'] }] } });

// promtool proves the alert rules; the test task installs it where it can and says so where it cannot.
project.testTask.prependExec('bash scripts/ensure-promtool.sh');

// The package's entry point is one bundled file: a synth loads it instead of ~110 modules.
project.postCompileTask.prependExec('ts-node --transpile-only --project test/tsconfig.json scripts/bundle-lib.ts lib/index.js');

project.addTask('examples', {
  description: 'Synthesize every app under examples/ into dist/examples/<name>/ (manifests plus PrometheusRules)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/synth-examples.ts',
});

project.addTask('bench', {
  description: 'Benchmarks: synth vs plain cdk8s-plus-28, next-run throughput vs cron-parser, lint throughput vs JSON schema',
  exec: 'ts-node --transpile-only --project test/tsconfig.json bench/run.ts',
});

project.addTask('import', {
  description: 'Regenerate the typed PrometheusRule from the shared CRD',
  exec: 'cdk8s import --language typescript --output src/imports ../shared/crds/monitoring.coreos.com_prometheusrules.yaml',
});

// ESLint's project service uses the nearest tsconfig.json: give the dev folders one each.
for (const dir of ['examples', 'bench', 'scripts']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: { extends: '../test/tsconfig.json', include: ['**/*.ts', '../src/**/*.ts'] },
  });
}

project.addPackageIgnore('/examples/');
project.addPackageIgnore('/bench/');
project.addPackageIgnore('/scripts/');
// CI helper scripts are not part of the library.
project.addPackageIgnore('/.ci/');

project.synth();
