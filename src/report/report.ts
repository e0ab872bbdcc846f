import { analyzeFindings, DEFAULT_PILE_UP_THRESHOLD, offsetText } from './findings';
import { analyzeFleet, fleetCronJobs, SourcedManifest, zoneOf } from './fleet';
import { fleetLoad } from './load';
import { localLabel, peakText, renderHtml, ReportModel } from './render';

/** Options of `buildFleetReport`. */
export interface FleetReportOptions {
  /** Start of the window. */
  readonly from: Date;
  /** Length of the window in days. */
  readonly days: number;
  /** Display zone (axis, peaks). @default "UTC" */
  readonly zone?: string;
  /** @default DEFAULT_PILE_UP_THRESHOLD */
  readonly pileUpThreshold?: number;
}

/** Analyses the manifests once for all formats. */
export function buildFleetReport(manifests: Array<any | SourcedManifest>, options: FleetReportOptions): ReportModel {
  const zoneName = options.zone ?? 'UTC';
  const zone = zoneOf(zoneName === 'UTC' ? undefined : zoneName);
  const analysis = analyzeFleet(fleetCronJobs(manifests), options.from, options.days);
  const pileUpThreshold = options.pileUpThreshold ?? DEFAULT_PILE_UP_THRESHOLD;
  return { analysis, findings: analyzeFindings(analysis, pileUpThreshold), load: fleetLoad(analysis, zone), zoneName, zone, pileUpThreshold };
}

/** Renders a report in one of the formats. */
export function renderFleetReport(m: ReportModel, format: 'html' | 'markdown' | 'json'): string {
  if (format === 'html') return renderHtml(m);
  if (format === 'markdown') return renderMarkdown(m);
  return `${JSON.stringify(reportJson(m), null, 2)}\n`;
}

/** Markdown short enough for a pull-request comment: summary, peaks, DST, findings grouped (at most 15 lines of them). */
export function renderMarkdown(m: ReportModel): string {
  const a = m.analysis;
  const lines: string[] = [];
  const runs = a.runs.reduce((n, r) => n + r.length, 0);
  const doubled = a.runs.reduce((n, r) => n + r.filter((x) => x.doubled).length, 0);
  lines.push(`### CronJob fleet: ${localLabel(a.from, m)} to ${localLabel(a.to, m)} (${m.zoneName})`);
  lines.push('');
  lines.push(`${a.jobs.length} CronJobs in ${new Set(a.jobs.map((j) => j.namespace)).size} namespaces, ${runs} runs. At most **${m.load.maxConcurrent.count}** may run at once (first at ${localLabel(m.load.maxConcurrent.at, m)}).`);
  if (m.load.peaks.length > 0) {
    lines.push('');
    lines.push(`Busiest minutes: ${m.load.peaks.slice(0, 3).map((p) => `**${peakText(p, m)}**`).join('; ')}.`);
  }
  if (a.zoneChanges.length > 0 || a.skipped.length > 0 || doubled > 0) {
    lines.push('');
    const changes = a.zoneChanges.map((c) => `${c.zone} UTC${offsetText(c.before)} → UTC${offsetText(c.after)} at ${new Date(c.at * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    const skipped = a.skipped.map((s) => `${a.jobs[s.job].key} ${s.localTime}`);
    lines.push(`DST: ${changes.join('; ') || 'no change in the window'}. ${a.skipped.length} run(s) skipped${skipped.length ? ` (${list(skipped, 3)})` : ''}, ${doubled} run(s) doubled.`);
  }
  lines.push('');
  if (m.findings.length === 0) {
    lines.push('No fleet findings (`schedule-pile-up`, `dst-overlap`).');
  } else {
    // One line per incident, not per CronJob: a pile of 14 is one line.
    const groups = new Map<string, { rule: string; keys: string[]; message: string; fix: string }>();
    for (const f of m.findings) {
      const members = [f.job, ...f.related].sort((x, y) => x - y);
      const key = `${f.ruleId}|${members.join(',')}`;
      const g = groups.get(key);
      if (g) continue;
      // The CronJob the finding is on first, then the others.
      groups.set(key, { rule: f.ruleId, keys: [f.job, ...f.related].map((j) => a.jobs[j].key), message: f.message, fix: f.fix });
    }
    const all = [...groups.values()];
    lines.push(`**${m.findings.length} finding(s)** on ${new Set(m.findings.map((f) => f.job)).size} CronJob(s):`);
    lines.push('');
    for (const g of all.slice(0, 15)) {
      lines.push(`- \`${g.rule}\` ${list(g.keys.map((k) => `\`${k}\``), 5)}: ${firstSentence(g.message)}. Fix: ${firstSentence(g.fix)}.`);
    }
    if (all.length > 15) lines.push(`- … and ${all.length - 15} more (see the HTML or JSON report)`);
  }
  lines.push('');
  lines.push('<sub>`cdk8s-batch report` — run times as the CronJob controller computes them, DST included.</sub>');
  return `${lines.join('\n')}\n`;
}

/** The JSON format: everything the page shows, for machines. */
export function reportJson(m: ReportModel): any {
  const a = m.analysis;
  const iso = (t: number) => new Date(t * 1000).toISOString();
  return {
    window: { from: iso(a.from), to: iso(a.to), zone: m.zoneName },
    pileUpThreshold: m.pileUpThreshold,
    cronJobs: a.jobs.map((j, i) => ({
      key: j.key,
      namespace: j.namespace,
      name: j.name,
      schedule: j.schedule,
      timeZone: j.timeZone ?? null,
      runSeconds: j.runSeconds,
      runSecondsAssumed: j.runSecondsAssumed,
      concurrencyPolicy: j.concurrencyPolicy,
      suspended: j.suspended,
      spread: j.spread ?? null,
      error: j.error ?? null,
      source: j.source ?? null,
      truncated: a.truncated[i],
      runs: a.runs[i].map((r) => ({ start: iso(r.start), end: iso(r.end), ...(r.doubled ? { doubled: true } : {}) })),
    })),
    skipped: a.skipped.map((s) => ({ cronJob: a.jobs[s.job].key, localTime: s.localTime, at: iso(s.at) })),
    zoneChanges: a.zoneChanges.map((c) => ({ zone: c.zone, at: iso(c.at), offsetBefore: offsetText(c.before), offsetAfter: offsetText(c.after) })),
    load: {
      maxConcurrent: { count: m.load.maxConcurrent.count, at: iso(m.load.maxConcurrent.at) },
      peaks: m.load.peaks.map((p) => ({
        count: p.count,
        smallest: p.smallest,
        time: p.clock,
        zone: m.zoneName,
        days: p.days,
        first: iso(p.first),
        cronJobs: p.jobs.map((j) => a.jobs[j].key),
      })),
    },
    findings: m.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      kind: f.kind,
      namespace: f.namespace,
      name: f.name,
      path: f.path,
      message: f.message,
      fix: f.fix,
      related: f.related.map((j) => a.jobs[j].key),
      at: f.at.slice(0, 50).map(iso),
    })),
  };
}

function firstSentence(s: string): string {
  const cut = s.split('; ')[0];
  return cut.endsWith('.') ? cut.slice(0, -1) : cut;
}

function list(items: string[], n: number): string {
  return items.length <= n ? items.join(', ') : `${items.slice(0, n).join(', ')} and ${items.length - n} more`;
}
