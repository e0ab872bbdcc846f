export * from './pod-failure-policy';
export { ProductionJobOptions } from './job-template';
export * from './production-job';
export * from './production-cron-job';
export * from './indexed-shard-job';
export * from './spot-tolerant-job';
export * from './update-strategy';
