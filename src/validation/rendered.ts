import { ApiObject } from 'cdk8s';

/**
 * One rendering of a Job/CronJob per synth for the synth-time consumers: the rendered-spec
 * checks, the validation rules and the alert thresholds all read the same `toJson()` instead of
 * rendering the object (token resolution, cdk8s-plus conversion) once each.
 *
 * A rendering is reused only within one synth: the generation changes when a synth's validation
 * starts (a validation on the construct tree's root, which is visited first) and at the end of
 * the current tick, and the alerts take their rendering once. So a change made between two
 * synths is always seen.
 */
interface Entry { readonly generation: number; readonly json: any }

const renderings = new WeakMap<ApiObject, Entry>();
const alertTargets = new WeakSet<ApiObject>();
const ROOT_HOOK = Symbol.for('cdk8s-batch.rendered.root');
let generation = 0;
let bumpScheduled = false;

function nextGeneration(): void {
  generation++;
}

/** Marks the start of a synth's validation: renderings of earlier synths are not reused. */
export function startSynth(): void {
  nextGeneration();
}

/** Marks the start of every synth of the tree `object` belongs to (call at construction). */
export function watchSynths(object: { node: { root: any } }): void {
  const root = object.node.root;
  if (root[ROOT_HOOK]) return;
  root[ROOT_HOOK] = true;
  root.node.addValidation({ validate: () => { nextGeneration(); return []; } });
}

/** Registers an object whose alerts will read its rendering after validation. */
export function expectAlertsRendering(object: ApiObject): void {
  alertTargets.add(object);
}

/** The object's rendering for a synth-time check: rendered once per synth. */
export function renderedForChecks(object: ApiObject): any {
  const e = renderings.get(object);
  if (e && e.generation === generation) return e.json;
  const json = object.toJson();
  renderings.set(object, { generation, json });
  if (!bumpScheduled) {
    bumpScheduled = true;
    queueMicrotask(() => { bumpScheduled = false; nextGeneration(); });
  }
  return json;
}

/**
 * Called by the last check of an object: drops the rendering, or keeps for the alerts only the
 * fields their thresholds read (not the pod template), so that a fleet's renderings are not all
 * held in memory until the alerts are rendered.
 */
export function doneChecking(object: ApiObject): void {
  const e = renderings.get(object);
  if (!e) return;
  if (!alertTargets.has(object)) renderings.delete(object);
  else renderings.set(object, { generation: e.generation, json: withoutPodTemplate(e.json) });
}

function withoutPodTemplate(m: any): any {
  const spec = m?.spec;
  if (!spec || typeof spec !== 'object') return m;
  const { template: _t, jobTemplate, ...rest } = spec;
  const jobSpec = jobTemplate?.spec;
  const slimJob = jobSpec && typeof jobSpec === 'object' ? (({ template: _u, ...r }) => r)(jobSpec) : undefined;
  return {
    apiVersion: m.apiVersion,
    kind: m.kind,
    metadata: m.metadata,
    spec: jobTemplate === undefined ? rest : { ...rest, jobTemplate: { ...jobTemplate, spec: slimJob ?? jobSpec } },
  };
}

/** The rendering for the alerts: the checks' one of this synth (taken once), else a fresh one. */
export function renderedForAlerts(object: ApiObject): any {
  const e = renderings.get(object);
  renderings.delete(object);
  return e && e.generation === generation ? e.json : object.toJson();
}
