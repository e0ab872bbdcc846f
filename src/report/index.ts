// Fleet view of CronJobs: when every CronJob runs, the load, DST effects and the fleet rules.
export { fleetFindings, fleetFindingsByIndex, FleetFindingOptions, PILE_UP_RULE, DST_OVERLAP_RULE, DEFAULT_PILE_UP_THRESHOLD, FLEET_RULE_MAX_RUNS_PER_DAY } from './findings';
export { DEFAULT_RUN_SECONDS } from './fleet';
export { buildFleetReport, renderFleetReport, FleetReportOptions } from './report';
