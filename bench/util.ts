/** Tiny benchmark helpers: best-of-N timing and heap deltas, printed as side-by-side tables. */
export function measure(fn: () => void, { runs = 5, minMs = 200 } = {}): { opsPerSec: number; msPerOp: number; heapMb: number } {
  fn(); // warm-up
  let best = Infinity;
  let heap = 0;
  for (let r = 0; r < runs; r++) {
    (global as any).gc?.();
    const before = process.memoryUsage().heapUsed;
    let ops = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    do {
      fn();
      ops++;
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    } while (elapsed < minMs);
    heap = Math.max(heap, (process.memoryUsage().heapUsed - before) / ops / 1048576);
    best = Math.min(best, elapsed / ops);
  }
  return { opsPerSec: 1000 / best, msPerOp: best, heapMb: heap };
}

export function table(title: string, header: string[], rows: Array<Array<string | number>>): void {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? format(c) : c)))];
  const widths = header.map((_h, i) => Math.max(...cells.map((r) => String(r[i]).length)));
  console.log(`\n${title}`);
  cells.forEach((r, i) => {
    console.log(`  ${r.map((c, j) => String(c).padEnd(widths[j])).join('  ')}`);
    if (i === 0) console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  });
}

function format(n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  if (n >= 1) return n.toFixed(2);
  return n.toPrecision(3);
}
