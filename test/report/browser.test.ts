import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { decodePng, OpenedPage, openInChromium } from './browser';
import { DAYS, FROM, SPRING_RUNS, springFleet } from './fleet';
import { buildFleetReport, renderFleetReport } from '../../src/report';

// Launching Chromium takes seconds on a busy machine; this is a limit, not an assertion on timing.
jest.setTimeout(120_000);

describe('the HTML report in headless Chromium', () => {
  let opened: OpenedPage;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-html-'));
    const file = path.join(dir, 'fleet.html');
    fs.writeFileSync(file, renderFleetReport(buildFleetReport(springFleet(), { from: FROM, days: DAYS }), 'html'));
    opened = await openInChromium(file);
  });

  afterAll(async () => {
    await opened?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('renders without console errors and without any network request', async () => {
    // Hover a finding so the inline script runs too.
    await opened.page.hover('.finding');
    expect(await opened.page.locator('.row.hl').count()).toBeGreaterThan(0);
    expect(opened.errors).toEqual([]);
    expect(opened.requests).toEqual([]);
  });

  test('one timeline row per CronJob, grouped by namespace', async () => {
    const rows = await opened.page.$$eval('#timeline-svg g.row', (gs) => gs.map((g) => g.getAttribute('data-key')));
    expect(rows).toEqual(Object.keys(SPRING_RUNS).sort((a, b) => a.split('/')[0].localeCompare(b.split('/')[0]) || a.localeCompare(b)));
    expect(await opened.page.$$eval('#timeline-svg .ns-label', (ts) => ts.map((t) => t.textContent))).toEqual(['namespace billing', 'namespace etl', 'namespace ops']);
  });

  test('the expected number of run bars per row in the week of the DST change, each visible', async () => {
    const bars = await opened.page.$$eval('#timeline-svg g.row', (gs) => Object.fromEntries(gs.map((g) => [
      g.getAttribute('data-key'),
      [...g.querySelectorAll('rect.run')].filter((r) => r.getBoundingClientRect().width >= 1.5).length,
    ])));
    expect(bars).toEqual(SPRING_RUNS);
    // The run DST skips is marked on its row; the zone change is drawn once.
    expect(await opened.page.$$eval('#timeline-svg g.skipped', (s) => s.map((e) => e.closest('g.row')!.getAttribute('data-key')))).toEqual(['billing/invoice']);
    expect(await opened.page.locator('#timeline-svg g.zone-change').count()).toBe(1);
  });

  test('finding links lead to existing rows', async () => {
    const targets = await opened.page.$$eval('#findings a[href^="#"]', (as) => as.map((a) => a.getAttribute('href')!.slice(1)));
    expect(targets.length).toBeGreaterThan(0);
    const present = await opened.page.$$eval('[id]', (es) => es.map((e) => e.id));
    const missing = targets.filter((id) => !present.includes(id));
    expect(missing).toEqual([]);
  });

  test('the screenshot is not blank', async () => {
    const png = await opened.page.screenshot({ fullPage: true });
    const { width, height, channels, pixels } = decodePng(png);
    expect(width).toBeGreaterThan(1000);
    let ink = 0;
    const colors = new Set<number>();
    for (let i = 0; i < width * height; i++) {
      const o = i * channels;
      const [r, g, b] = [pixels[o], pixels[o + 1], pixels[o + 2]];
      if (r < 200 || g < 200 || b < 200) ink++;
      if (colors.size < 1000) colors.add(r * 65536 + g * 256 + b);
    }
    // Text, bars and lines: a blank or all-one-colour page has no ink and one or two colours.
    expect(ink / (width * height)).toBeGreaterThan(0.01);
    expect(colors.size).toBeGreaterThan(20);
  });
});
