import * as fc from 'fast-check';
import { goodCronJob, goodJob } from './manifests';
import { apiServerVerdict } from '../../src/validation/api-server';
import { FeatureGates } from '../../src/validation/api-server/gates';
import { prepareForCreate } from '../../src/validation/api-server/prepare';

/**
 * Defaulting and validation work on a copy of the manifest: checking a manifest (unknown fields and
 * wrongly typed values included) must never change it, whatever the target version drops or defaults.
 */

/** Places in a manifest where a random value goes: known fields of every type, unknown ones, list items. */
const PLACES: Array<[string, (m: any, v: unknown) => void]> = [
  ['metadata.labels', (m, v) => { m.metadata.labels = v; }],
  ['metadata.annotations[x]', (m, v) => { m.metadata.annotations = { x: v }; }],
  ['metadata.__proto__', (m, v) => { Object.defineProperty(m.metadata, '__proto__', { value: v, enumerable: true, writable: true, configurable: true }); }],
  ['spec.backoffLimit', (m, v) => { jobSpec(m).backoffLimit = v; }],
  ['spec.unknown', (m, v) => { jobSpec(m).backofflimit = v; }],
  ['spec.podFailurePolicy.rules[1]', (m, v) => { jobSpec(m).podFailurePolicy.rules.push(v); }],
  ['pod.volumes', (m, v) => { pod(m).volumes = v; }],
  ['pod.volumes[0]', (m, v) => { pod(m).volumes = [v, { name: 'tmp', emptyDir: {} }]; }],
  ['pod.nodeSelector', (m, v) => { pod(m).nodeSelector = v; }],
  ['container.args', (m, v) => { pod(m).containers[0].args = v; }],
  ['container.env[0]', (m, v) => { pod(m).containers[0].env = [v]; }],
  ['container.resources.requests.cpu', (m, v) => { pod(m).containers[0].resources.requests.cpu = v; }],
  ['container.securityContext', (m, v) => { pod(m).containers[0].securityContext = v; }],
  ['container.extra', (m, v) => { pod(m).containers[0].livenesProbe = v; }],
  ['status', (m, v) => { m.status = v; }],
];
const jobSpec = (m: any) => (m.kind === 'CronJob' ? m.spec.jobTemplate.spec : m.spec);
const pod = (m: any) => jobSpec(m).template.spec;

const manifestWithValues = fc.tuple(
  fc.boolean(),
  fc.array(fc.tuple(fc.integer({ min: 0, max: PLACES.length - 1 }), fc.jsonValue({ maxDepth: 3 })), { minLength: 1, maxLength: 4 }),
).map(([cron, values]) => {
  const m = cron ? goodCronJob() : goodJob();
  for (const [place, value] of values) PLACES[place][1](m, value);
  return m;
});

test('checking a manifest leaves it as it was, at every target version', () => {
  fc.assert(fc.property(manifestWithValues, fc.integer({ min: 27, max: 36 }), (m, minor) => {
    const before = structuredClone(m);
    apiServerVerdict(m, minor);
    expect(m).toStrictEqual(before);
  }), { seed: 20261207, numRuns: 400 });
});

test('a "__proto__" field is copied as a field, not as the prototype', () => {
  const m = goodJob();
  m.metadata = JSON.parse('{"name": "a", "__proto__": {"polluted": true}}');
  const { object } = prepareForCreate(m, new FeatureGates(34));
  expect(Object.getPrototypeOf(object.metadata)).toBe(Object.prototype);
  expect(Object.keys(object.metadata)).toEqual(['name', '__proto__']);
  expect(object.metadata.polluted).toBeUndefined();
});
