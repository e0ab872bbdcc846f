import { runStarts } from '../../src/report/fleet';
import { CronSchedule } from '../../src/schedule';

/**
 * The controller's own chain: Next(from - 1), Next(that), ... while before `to`. `anomaly` when
 * Next returned a time not after its input (robfig's Lord_Howe/Chatham quirk), where a chain
 * has no single right continuation.
 */
function chained(s: CronSchedule, from: number, to: number): { runs: number[]; anomaly: boolean } {
  const runs: number[] = [];
  let t = new Date((from - 1) * 1000);
  for (;;) {
    const n = s.nextAfter(t);
    if (n === undefined || n.getTime() >= to * 1000) return { runs, anomaly: false };
    if (n.getTime() <= t.getTime()) return { runs, anomaly: true };
    runs.push(n.getTime() / 1000);
    t = n;
  }
}

const schedules = ['0 0 * * *', '30 2 * * *', '0,30 1-3 * * *', '17 * * * *', '*/20 * * * 0', '0 2 29 2 *', '45 1 * * 1-5', '0 3 1 * *', '@hourly', '@every 90m'];
const zones = [undefined, 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Santiago'];
// Windows around the 2026 DST changes of those zones, plus a plain one.
const windows = ['2026-03-06', '2026-03-26', '2026-04-03', '2026-09-04', '2026-10-01', '2026-10-23', '2026-10-30', '2026-06-10', '2028-02-26'];

describe('runStarts is the controller\'s Next chain, computed by day', () => {
  let compared = 0;
  afterAll(() => {
    // Nearly every case is compared in full (an anomaly is rare).
    expect(compared).toBeGreaterThan(zones.length * schedules.length * windows.length - 10);
  });
  for (const zone of zones) {
    test(`${zone ?? 'UTC'}`, () => {
      for (const expr of schedules) {
        const s = CronSchedule.parse(expr, { timeZone: zone });
        for (const w of windows) {
          const from = Date.parse(`${w}T05:17:00Z`) / 1000;
          const to = from + 5 * 86400;
          const expected = chained(s, from, to);
          const got = runStarts(s, from, to, 100000);
          // Past an anomaly only the runs before it are comparable.
          expect({ expr, w, runs: expected.anomaly ? got.slice(0, expected.runs.length) : got }).toEqual({ expr, w, runs: expected.runs });
          if (!expected.anomaly) compared++;
        }
      }
    });
  }

  test('stops at the cap', () => {
    expect(runStarts(CronSchedule.parse('* * * * *'), 0, 86400, 100)).toHaveLength(100);
  });
});
