// Kubernetes-exact CronJob schedules: parsing and validation as the API server does it, next runs
// as the controller computes them, intervals, descriptions, risks and the controller simulation.
export * from './cron-schedule';
export * from './errors';
export { validateTimeZone, timeZoneErrors } from './zones';
export * from './intervals';
export * from './describe';
export * from './risks';
export * from './controller';
export * from './spread';
