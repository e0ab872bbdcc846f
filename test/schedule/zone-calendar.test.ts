import { instantsByMinute, instantsOfWallTime, offsetChangesFrom, WINDOW_DAYS, ZoneCalendar, ZoneDay, zoneDay } from '../../src/schedule/zone-calendar';
import { loadLocation, Zone } from '../../src/schedule/zones';

/** Every zone the tz database names (and ICU knows). */
const zones = Intl.supportedValuesOf('timeZone').map((name) => loadLocation(name)).flatMap((l) => ('zone' in l ? [l.zone] : []));

/** The calendar's change days (its full day-by-day test), as indexes from its first day. */
function calendarChanges(zone: Zone, first: number): number[] {
  return new ZoneCalendar(zone, first).changeDays.filter((i) => i < WINDOW_DAYS);
}

describe('offsetChangesFrom: the change days without the day-by-day calendar', () => {
  // Windows starting on several days from 2017 to 2036 (the corpus' years), in every zone the tz
  // database names: DST, its abolition and rule changes, Lord_Howe's 30 minutes, Troll's 2 hours.
  const firsts = [17167, 18628, 19723, 20454, 21900, 24500];

  test('the same days as the calendar, with the same offsets and spread, in every zone', () => {
    let withChanges = 0;
    for (const zone of zones) {
      for (const first of firsts) {
        const fast = offsetChangesFrom(zone, first);
        const expected = calendarChanges(zone, first);
        expect([zone.name, first, fast.indexes]).toEqual([zone.name, first, expected]);
        expect(fast.days).toEqual(expected.map((i) => zoneDay(zone, first + i)));
        const offsets = fast.days.flatMap((d) => [d.before, d.after]);
        expect(fast.spread).toBe(offsets.length > 0 ? Math.max(...offsets) - Math.min(...offsets) : 0);
        if (expected.length > 0) withChanges++;
      }
    }
    expect(zones.length).toBeGreaterThan(400);
    expect(withChanges).toBeGreaterThan(500); // not vacuous: most DST zones change twice a year
  });

  test('windows that start on a change day or the day after (switches at local midnight included)', () => {
    const names = ['Asia/Beirut', 'America/Santiago', 'America/Havana', 'America/Asuncion', 'Africa/Cairo', 'Asia/Gaza',
      'Pacific/Chatham', 'Australia/Lord_Howe', 'Antarctica/Troll', 'America/Scoresbysund', 'Europe/Chisinau', 'Europe/Berlin',
      'America/New_York', 'Pacific/Auckland', 'Asia/Tehran'];
    let edges = 0;
    for (const name of names) {
      const zone = (loadLocation(name) as any).zone as Zone;
      for (const year of [2019, 2023, 2026, 2031]) {
        const start = Date.UTC(year, 0, 1) / 86400000;
        for (const i of calendarChanges(zone, start)) {
          for (const first of [start + i - 1, start + i, start + i + 1]) {
            expect([name, first, offsetChangesFrom(zone, first).indexes]).toEqual([name, first, calendarChanges(zone, first)]);
            edges++;
          }
        }
      }
    }
    expect(edges).toBeGreaterThan(250);
  });

  test('a zone without changes, and UTC', () => {
    expect(offsetChangesFrom((loadLocation('Asia/Tokyo') as any).zone, 20454)).toEqual({ indexes: [], days: [], spread: 0 });
    expect(offsetChangesFrom(Zone.UTC, 20454)).toEqual({ indexes: [], days: [], spread: 0 });
  });

  test('Berlin: the spring and autumn Sundays of 2026', () => {
    const berlin = (loadLocation('Europe/Berlin') as any).zone;
    const first = Date.UTC(2026, 0, 1) / 86400000;
    const { days, spread } = offsetChangesFrom(berlin, first);
    expect(days.map((d) => `${d.year}-${d.month}-${d.dom}`)).toEqual(['2026-3-29', '2026-10-25']);
    expect(spread).toBe(3600);
  });
});

describe('instantsByMinute: the count per minute of a change day, computed per stretch between switches', () => {
  /** The minute-by-minute counts of a day (failing with the zone and day where the table differs). */
  const expectExact = (zone: Zone, day: ZoneDay): number[] => {
    const table = instantsByMinute(zone, day);
    const midnight = Date.UTC(day.year, day.month - 1, day.dom) / 1000;
    const expected = Array.from({ length: 1440 }, (_, m) => instantsOfWallTime(zone, midnight + m * 60, day.before, day.after));
    if (!expected.every((n, m) => table[m] === n)) expect([zone.name, day, [...table]]).toEqual([zone.name, day, expected]);
    return expected;
  };

  test('equals instantsOfWallTime at every minute of every change day, in every zone, 2017 to 2036', () => {
    const counts = { 0: 0, 2: 0, days: 0 };
    for (const zone of zones) {
      for (const first of [17167, 18993, 20454, 22280, 24106]) { // 2017, 2022, 2026, 2031, 2036
        for (const day of offsetChangesFrom(zone, first).days) {
          const expected = expectExact(zone, day);
          counts[0] += expected.filter((n) => n === 0).length;
          counts[2] += expected.filter((n) => n === 2).length;
          counts.days++;
        }
      }
    }
    // Not vacuous: gaps and repeated hours on thousands of change days.
    expect(counts.days).toBeGreaterThan(1000);
    expect(counts[0]).toBeGreaterThan(30_000);
    expect(counts[2]).toBeGreaterThan(30_000);
  });

  test('also where switches fall between whole minutes (local mean times with seconds, 1883 to 1945)', () => {
    let secondsApart = 0;
    for (const zone of zones) {
      for (const year of [1883, 1900, 1920, 1945]) {
        for (const day of offsetChangesFrom(zone, Date.UTC(year, 0, 1) / 86400000).days) {
          expectExact(zone, day);
          if ((day.before - day.after) % 60 !== 0) secondsApart++;
        }
      }
    }
    expect(secondsApart).toBeGreaterThan(50); // not vacuous: offsets like +00:53:28 to +01:00
  });
});
