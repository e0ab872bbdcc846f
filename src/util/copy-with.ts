/**
 * `{ ...base, ...changes }`: a copy of `base` with `changes` laid over it (the same own enumerable
 * properties, in the same order), made with `Object.assign`. In Node 20's V8 an object literal that
 * spreads an object and then adds properties the object lacks takes a slow path on every call,
 * optimized or not: about a microsecond per added property, ten times the cost of this copy. The
 * constructs and checks make such copies for every workload. (Like any assignment onto `{}`, an own
 * `__proto__` key is not copied as a property: props and rendered specs do not have one.)
 */
export function copyWith<T extends object, U extends object>(base: T | undefined, changes: U | undefined): Omit<T, keyof U> & U {
  return Object.assign({}, base, changes);
}
