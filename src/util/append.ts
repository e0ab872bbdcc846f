/**
 * `to.push(...more)` without the spread: constructs and checks run once per workload, mostly
 * before V8 optimizes them, and a spread call there costs several times the push itself.
 */
export function append<T>(to: T[], more: readonly T[]): void {
  for (let i = 0; i < more.length; i++) to.push(more[i]);
}
