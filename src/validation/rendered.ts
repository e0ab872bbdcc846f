import * as fs from 'fs';
import { ApiObject, App, Yaml } from 'cdk8s';
import { agreesWith, cachedScalarRenderer, manifestYaml, ScalarRenderer } from '../util/manifest-yaml';

/**
 * One rendering of a Job/CronJob per synth for the synth-time consumers: the rendered-spec
 * checks, the validation rules, the alert thresholds and the written manifest all use the same
 * `toJson()` instead of rendering the object (token resolution, cdk8s-plus conversion) once each.
 *
 * Inside a synth (`App.synth`, `App.synthYaml`, `Chart.toJson` and so `Testing.synth`) no user
 * code runs between the validation and the writing of the manifests, so a rendering made by the
 * checks is valid until the synth returns: the manifest written is that rendering, and the
 * validation pass cdk8s repeats for every chart is not run again. The hooks only mark where a
 * synth starts and ends; everything is dropped when it returns.
 *
 * Outside a synth (a construct's validation called directly), a rendering is reused only within
 * one validation: the generation changes when a validation starts (a validation on the construct
 * tree's root, which is visited first) and at the end of the current tick.
 */
interface Entry { readonly generation: number; readonly json: any }

const renderings = new WeakMap<ApiObject, Entry>();
const alertTargets = new WeakSet<ApiObject>();
const ROOT_HOOK = Symbol.for('cdk8s-batch.rendered.root');
const SYNTH_HOOKS = Symbol.for('cdk8s-batch.rendered.synth-hooks');
const OUTPUT_HOOK = Symbol.for('cdk8s-batch.rendered.output');
let generation = 0;
let bumpScheduled = false;

/** The renderings of the synth in progress (its identity names the synth), else undefined. */
let synthRenderings: Map<ApiObject, any> | undefined;
let synthDepth = 0;
/** The synth in progress' answers from `yaml` about the scalars the fast writer leaves to it. */
let synthScalars: ScalarRenderer | undefined;

/** Runs `body` as (part of) a synth: renderings made inside live until the outermost synth returns. */
function asSynth<T>(body: () => T): T {
  if (synthDepth++ === 0) synthRenderings = new Map();
  try {
    return body();
  } finally {
    if (--synthDepth === 0) {
      synthRenderings = undefined;
      synthScalars = undefined;
    }
  }
}

/** How much YAML `Yaml.save` gathers before writing it to the file. */
const WRITE_CHUNK = 64 * 1024;

/**
 * Inside a synth, cdk8s' YAML writing goes through the fast writer (src/util/manifest-yaml.ts),
 * which writes the same bytes; a document it does not reproduce exactly is written by `yaml`.
 * `Yaml.save` streams the documents to the file instead of joining the whole file's text first.
 */
function hookYamlWriting(): void {
  const yaml = Yaml as any;
  const originalStringify = yaml.stringify;
  const originalSave = yaml.save;
  if (typeof originalStringify !== 'function' || typeof originalSave !== 'function') return;
  const writeOne = (doc: unknown): string => originalStringify.call(yaml, doc);
  if (!agreesWith(writeOne)) return; // another cdk8s release with other YAML options: its own writer
  const documentYaml = (doc: unknown): string => {
    if (doc === undefined) return writeOne(doc);
    synthScalars ??= cachedScalarRenderer(writeOne);
    return manifestYaml(doc, synthScalars) ?? writeOne(doc);
  };
  const stringify = function (this: unknown, ...docs: unknown[]): string {
    if (synthDepth === 0) return originalStringify.apply(this, docs);
    return docs.map(documentYaml).join('---\n');
  };
  yaml.stringify = stringify;
  yaml.save = function (this: any, filePath: string, docs: unknown[]): void {
    // Someone else's Yaml.stringify installed after this one is honoured, as cdk8s' save does.
    if (synthDepth === 0 || this.stringify !== stringify) return originalSave.call(this, filePath, docs);
    const fd = fs.openSync(filePath, 'w');
    try {
      let chunk = '';
      for (let i = 0; i < docs.length; i++) {
        chunk += i === 0 ? documentYaml(docs[i]) : `---\n${documentYaml(docs[i])}`;
        if (chunk.length >= WRITE_CHUNK) {
          writeAll(fd, chunk);
          chunk = '';
        }
      }
      writeAll(fd, chunk);
    } finally {
      fs.closeSync(fd);
    }
  };
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

/** Marks cdk8s' synth entry points once per loaded cdk8s (they are not meant to be overridden, so wrapped in place). */
function hookSynths(): void {
  const app = App as any;
  if (app[SYNTH_HOOKS]) return;
  Object.defineProperty(app, SYNTH_HOOKS, { value: true });
  for (const [owner, name] of [[app.prototype, 'synth'], [app.prototype, 'synthYaml'], [app, '_synthChart']] as const) {
    const original = owner[name];
    if (typeof original !== 'function') continue; // another cdk8s release: no reuse, same output
    owner[name] = function (this: unknown, ...args: unknown[]) {
      return asSynth(() => original.apply(this, args));
    };
  }
  hookYamlWriting();
}
hookSynths();

/** The synth in progress (an identity to compare), or undefined outside a synth. */
export function currentSynth(): object | undefined {
  return synthRenderings;
}

/**
 * Inside a synth, the object's manifest is written from the checks' rendering. The hook is put
 * once on the object's class (its prototype), not on every object (a closure, its context and two
 * properties per object, kept after the synth); an object with a toJson of its own is hooked itself.
 * Objects without a rendering of the synth in progress render as before.
 */
function writeFromRendering(object: ApiObject): void {
  const o = object as any;
  const owner = Object.prototype.hasOwnProperty.call(o, 'toJson') ? o : Object.getPrototypeOf(o);
  if (Object.prototype.hasOwnProperty.call(owner, OUTPUT_HOOK)) return;
  const render = owner.toJson;
  Object.defineProperty(owner, OUTPUT_HOOK, { value: true });
  owner.toJson = function (this: ApiObject) {
    return synthRenderings?.get(this) ?? render.call(this);
  };
}

function nextGeneration(): void {
  generation++;
}

/** Marks the start of a validation: outside a synth, renderings of earlier validations are not reused. */
export function startSynth(): void {
  nextGeneration();
}

/** Marks the start of every validation of the tree `object` belongs to (call at construction). */
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
  if (synthRenderings) {
    let json = synthRenderings.get(object);
    if (json === undefined) {
      json = object.toJson();
      synthRenderings.set(object, json);
      writeFromRendering(object);
    }
    return json;
  }
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
 * Called by the last check of an object. Outside a synth: drops the rendering, or keeps for the
 * alerts only the fields their thresholds read (not the pod template), so that a fleet's
 * renderings are not all held in memory until the alerts are rendered. Inside a synth the
 * rendering is kept whole: it is the manifest to be written.
 */
export function doneChecking(object: ApiObject): void {
  if (synthRenderings) return;
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
  if (synthRenderings) return renderedForChecks(object);
  const e = renderings.get(object);
  renderings.delete(object);
  return e && e.generation === generation ? e.json : object.toJson();
}
