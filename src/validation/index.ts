// Validation: the rule engine shared by synth-time checks and the `cdk8s-batch lint` CLI.
export { Severity, Finding, RuleInfo } from './types';
export { BatchRules, LintOptions, SUPPRESSIONS_ANNOTATION, lintManifest } from './engine';
export * from './batch-validation';
