import { runSchedule } from '../../src/cli/schedule-command';

function run(expr: string, options: any = {}) {
  let out = '';
  let err = '';
  const code = runSchedule(expr, { count: 3, from: new Date('2026-03-27T00:00:00Z'), ...options }, (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
}

describe('cdk8s-batch schedule', () => {
  test('prints runs in local time and UTC, the description, the gaps and the warnings', () => {
    const r = run('30 2 * * *', { timeZone: 'Europe/Berlin' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('At 02:30 (Europe/Berlin)');
    expect(r.out).toContain('2026-03-28 02:30:00 +01:00   2026-03-28T01:30:00Z');
    expect(r.out).toContain('2026-03-30 02:30:00 +02:00   2026-03-30T00:30:00Z');
    expect(r.out).toContain('shortest 1h, longest 1d23h');
    expect(r.out).toContain('warning schedule-dst-gap');
  });
  test('JSON output', () => {
    const r = run('0 9 * * 1-5', { json: true });
    const json = JSON.parse(r.out);
    expect(json.next).toHaveLength(3);
    expect(json.intervals).toMatchObject({ shortestSeconds: 86400, longestSeconds: 259200 });
    expect(json.findings[0]).toMatchObject({ ruleId: 'missed-run-horizon', severity: 'info' });
  });
  test('a rejected schedule: exit 1 with the fix and the API server message', () => {
    const r = run('0 0 * * 7');
    expect(r.code).toBe(1);
    expect(r.err).toContain('Fix: use 0-6 for the day of the week');
    expect(r.err).toContain('The API server would answer: spec.schedule: Invalid value: "0 0 * * 7": end of range (7) above maximum (6): 7');
  });
});

describe('cdk8s-batch schedule keeps its word', () => {
  test('a schedule that never fires is accepted by the API server: a warning, exit 0 (errors are what the server rejects)', () => {
    const r = run('0 0 30 2 *');
    expect(r.out).toContain('warning schedule-never-fires');
    expect(r.code).toBe(0);
    expect(run('0 0 30 2 *', { json: true }).code).toBe(0);
  });
  test('warnings and infos alone exit 0', () => {
    const r = run('30 2 * * *', { timeZone: 'Europe/Berlin' });
    expect(r.out).toContain('warning schedule-dst-gap');
    expect(r.code).toBe(0);
  });
  test('equal shortest and longest gaps read as one gap', () => {
    const r = run('* * * * *');
    expect(r.out).toContain('(runs are 1m apart)');
    expect(r.out).not.toContain('1m to 1m');
    expect(run('0 9 * * 1-5').out).toContain('(runs are 1d to 3d apart)');
  });
});
