/**
 * Opens a report in real headless Chromium (Debian's package, /usr/bin/chromium) through
 * playwright-core, which never downloads a browser. Used by the browser test and by
 * scripts/fleet-report-screenshot.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { BrowserContext, chromium, Page } from 'playwright-core';

/** Where Chromium is: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(p)) {
    throw new Error(`Chromium is not installed (looked for ${p}). Install Debian's package: apt-get install -y chromium `
      + '(.ci/run does this in CI), or set CHROMIUM_PATH to a Chromium binary.');
  }
  return p;
}

/** The flags the report is tested with: no network services, no first-run, no GPU. */
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface OpenedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught page errors. */
  readonly errors: string[];
  /** Every request other than the page's own file. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Opens `file` (an HTML file) in a fresh profile (a new empty --user-data-dir). */
export async function openInChromium(file: string, viewport = { width: 1440, height: 1000 }): Promise<OpenedPage> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
    offline: true,
  });
  const page = context.pages()[0] ?? await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  const url = `file://${path.resolve(file)}`;
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    context,
    errors,
    requests,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Decodes an 8-bit RGB/RGBA non-interlaced PNG (what Chromium's screenshots are) into pixels. */
export function decodePng(png: Buffer): { width: number; height: number; channels: number; pixels: Buffer } {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('ascii', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      const color = data[9];
      if (depth !== 8 || (color !== 2 && color !== 6) || data[12] !== 0) {
        throw new Error(`unsupported PNG (depth ${depth}, color ${color})`);
      }
      channels = color === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    pos += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? pixels[y * stride + i - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      const upLeft = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels] : 0;
      pixels[y * stride + i] = (line[i] + predictor(filter, left, up, upLeft)) % 256;
    }
  }
  return { width, height, channels, pixels };
}

/** PNG filter predictors: None, Sub, Up, Average, Paeth. */
function predictor(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 1: return left;
    case 2: return up;
    case 3: return Math.floor((left + up) / 2);
    case 4: {
      const p = left + up - upLeft;
      const pa = Math.abs(p - left);
      const pb = Math.abs(p - up);
      const pc = Math.abs(p - upLeft);
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default: return 0;
  }
}
