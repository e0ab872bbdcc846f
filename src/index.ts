// Public API of cdk8s-batch. Each area re-exports its own public surface from its index.
export * from './constructs';
export * from './schedule';
export * from './validation';
export * from './alerts';
export * from './presets';
export * from './util';
export * as monitoring from './imports/monitoring.coreos.com';
