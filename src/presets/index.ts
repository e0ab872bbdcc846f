// Platform presets: vetted batch shapes with a few required props, built on the production constructs.
export { PresetProps, SecretKeyReference, useKueueQueue, KUEUE_QUEUE_LABEL } from './common';
export * from './database-migration-job';
export * from './nightly-report-cron-job';
export * from './sharded-spot-job';
export * from './work-queue-job';
export * from './index-refresh-cron-job';
export * from './history-cleanup-cron-job';
export * from './object-storage-backup-job';
export * from './one-off-job';
