import { goDate, Wall, wallOf } from './go-time';
import { GoSchedule, SpecSchedule } from './parser';
import { Zone } from './zones';

/**
 * robfig/cron v3.0.1 `Next(t)`, instant in and out as Unix seconds (`from` may be fractional).
 * Returns undefined where Go returns the zero time: nothing matches before the end of the year
 * five years after `from`. Faithful to the library's DST quirks, including the Lord_Howe and
 * Chatham anomalies (a result that does not match, or is not after `from`).
 */
export function goNext(schedule: GoSchedule, from: number): number | undefined {
  // Both kinds start from the upcoming whole second (Next drops the sub-second part).
  const whole = Math.floor(from);
  if (schedule.kind === 'every') return whole + schedule.seconds;
  return specNext(schedule, whole + 1);
}

function specNext(s: SpecSchedule, start: number): number | undefined {
  const zone = s.zone ?? Zone.UTC;
  let t = start;
  let w = wallOf(t, zone);
  let added = false;
  const yearLimit = w.year + 5;
  const set = (instant: number) => {
    t = instant;
    w = wallOf(t, zone);
  };

  wrap: for (;;) {
    if (w.year > yearLimit) return undefined;

    while (!s.month[w.month]) {
      if (!added) {
        added = true;
        set(goDate(w.year, w.month, 1, 0, 0, 0, zone));
      }
      set(goDate(w.year, w.month + 1, w.day, w.hour, w.minute, w.second, zone));
      if (w.month === 1) continue wrap;
    }

    while (!dayMatches(s, w)) {
      if (!added) {
        added = true;
        set(goDate(w.year, w.month, w.day, 0, 0, 0, zone));
      }
      set(goDate(w.year, w.month, w.day + 1, w.hour, w.minute, w.second, zone));
      // Midnight may have moved because of DST: step back to it (or forward past 23:00).
      if (w.hour !== 0) set(t + (w.hour > 12 ? (24 - w.hour) * 3600 : -w.hour * 3600));
      if (w.day === 1) continue wrap;
    }

    while (!s.hour[w.hour]) {
      if (!added) {
        added = true;
        set(goDate(w.year, w.month, w.day, w.hour, 0, 0, zone));
      }
      // Hours up to the next one that matches (or midnight) pass one by one; with no offset change
      // on the way each step adds one to the wall hour, so they can be taken in one jump.
      let steps = 1;
      while (w.hour + steps < 24 && !s.hour[w.hour + steps]) steps++;
      set(steps > 1 && !zone.changesWithin(t, t + steps * 3600) ? t + steps * 3600 : t + 3600);
      if (w.hour === 0) continue wrap;
    }

    while (!s.minute[w.minute]) {
      if (!added) {
        added = true;
        set(Math.floor(t / 60) * 60);
      }
      let steps = 1;
      while (w.minute + steps < 60 && !s.minute[w.minute + steps]) steps++;
      set(steps > 1 && !zone.changesWithin(t, t + steps * 60) ? t + steps * 60 : t + 60);
      if (w.minute === 0) continue wrap;
    }

    // ParseStandard always has second = 0.
    while (w.second !== 0) {
      added = true;
      const steps = 60 - w.second;
      set(steps > 1 && !zone.changesWithin(t, t + steps) ? t + steps : t + 1);
      if (w.second === 0) continue wrap;
    }
    return t;
  }
}

/** robfig's day rule: AND when either day field carries the star bit, else OR. */
export function dayMatches(s: SpecSchedule, w: Wall): boolean {
  return dayRule(s, s.dom[w.day] === 1, s.dow[w.weekday] === 1);
}

/** robfig's day rule on the two fields' answers for a day. */
export function dayRule(s: SpecSchedule, domMatches: boolean, dowMatches: boolean): boolean {
  return s.domStar || s.dowStar ? domMatches && dowMatches : domMatches || dowMatches;
}
