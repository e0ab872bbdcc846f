import { procMountDefaultOnly } from './check_procMount';
import { PodSecurityCheck } from './types';

/** Restricted, 1.35+: procMount Default only, user namespace or not. Replaces procMount under restricted. */
export const procMountRestricted: PodSecurityCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  revisions: [{ since: 35, check: procMountDefaultOnly, overrides: ['procMount'] }],
};
