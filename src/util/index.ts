export * from './k8s-version';
