/**
 * A memo for pure answers that a fleet asks for again and again (a few schedules, zones, quantities,
 * images, kube-state-metrics releases per app). It is emptied when it holds more than `limit` entries,
 * so that a process checking endless distinct inputs (the CLI on a large repository) does not grow
 * without end. Values may be `undefined`; a `compute` that throws leaves nothing behind.
 */
export class BoundedCache<K, V> {
  private readonly values = new Map<K, V>();

  constructor(private readonly limit: number) {}

  /** The value for `key`: remembered, or computed now and remembered. */
  public get(key: K, compute: (key: K) => V): V {
    const known = this.values.get(key);
    if (known !== undefined || this.values.has(key)) return known as V;
    const value = compute(key);
    if (this.values.size > this.limit) this.values.clear();
    this.values.set(key, value);
    return value;
  }
}
