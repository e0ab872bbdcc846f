/** Fleets with known answers, shared by the report tests. */
export interface CronJobExtras {
  timeZone?: string;
  ads?: number;
  policy?: string;
  annotations?: Record<string, string>;
  suspend?: boolean;
}

export function cronJob(namespace: string, name: string, schedule: string, extra: CronJobExtras = {}): any {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: {
      schedule,
      ...(extra.timeZone ? { timeZone: extra.timeZone } : {}),
      ...(extra.policy ? { concurrencyPolicy: extra.policy } : {}),
      ...(extra.suspend ? { suspend: true } : {}),
      jobTemplate: { spec: { ...(extra.ads ? { activeDeadlineSeconds: extra.ads } : {}), template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'example.com/x:1' }] } } } },
    },
  };
}

/**
 * The week 2026-03-23 .. 2026-03-30 (Europe/Berlin springs forward on Sunday 2026-03-29 at
 * 01:00 UTC). Runs in the week, by hand:
 * - etl/a-0 .. a-6: "0 0 * * *" UTC, 7 each (a pile of 7 at 00:00 UTC every day);
 * - ops/b-0 .. b-4: "0 2 * * *" UTC, 7 each (5 at once: at the limit, no pile-up);
 * - billing/export: "0 1 * * *" UTC, 30 min, 7 runs;
 * - billing/invoice: "0 2 * * *" Europe/Berlin, 30 min: 01:00 UTC Mon-Sat (6 runs, overlapping
 *   export: only in winter time), Sunday 02:00 does not exist (skipped), Monday 00:00 UTC is
 *   after the window: 6 runs;
 * - billing/ledger: "30 3 * * *" Europe/Berlin, 30 min: 02:30 UTC, then 01:30 UTC from Sunday
 *   (touches export's end, no overlap): 7 runs;
 * - ops/paused: suspended, 0 runs.
 */
export const FROM = new Date('2026-03-23T00:00:00Z');
export const DAYS = 7;

export function springFleet(): any[] {
  const out: any[] = [];
  for (let i = 0; i < 7; i++) out.push(cronJob('etl', `a-${i}`, '0 0 * * *', { ads: 600 }));
  for (let i = 0; i < 5; i++) out.push(cronJob('ops', `b-${i}`, '0 2 * * *', { ads: 600 }));
  out.push(cronJob('billing', 'export', '0 1 * * *', { ads: 1800 }));
  out.push(cronJob('billing', 'invoice', '0 2 * * *', { timeZone: 'Europe/Berlin', ads: 1800 }));
  out.push(cronJob('billing', 'ledger', '30 3 * * *', { timeZone: 'Europe/Berlin', ads: 1800 }));
  out.push(cronJob('ops', 'paused', '0 0 * * *', { suspend: true }));
  return out;
}

/** Expected bars per CronJob in springFleet's week, by key. */
export const SPRING_RUNS: Record<string, number> = {
  ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`etl/a-${i}`, 7])),
  ...Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`ops/b-${i}`, 7])),
  'billing/export': 7,
  'billing/invoice': 6,
  'billing/ledger': 7,
  'ops/paused': 0,
};
