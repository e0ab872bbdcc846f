/**
 * Probes and lifecycle handlers (core validation `validateProbe`, `validateLivenessProbe`,
 * `validateReadinessProbe`, `validateStartupProbe`, `validateLifecycle`, `validateHandler`).
 */
import { PodValidationContext } from './context';
import { errorsFor, FieldError } from './field-error';
import { httpHeaderName, portName, portNumber } from './names';
import { append, arr, isInt, isSet, obj } from './values';

const E = errorsFor('api-probes');
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

function portNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return portNumber(port).map((m) => E.invalid(path, port, m));
  if (typeof port === 'string') return portName(port).map((m) => E.invalid(path, port, m));
  return isSet(port) ? [] : portNumber(0).map((m) => E.invalid(path, 0, m));
}

function validateHandler(handler: any, kinds: readonly string[], path: string, gracePeriod: number, ctx: PodValidationContext): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of kinds) {
    if (!isSet(handler[kind])) continue;
    const at = `${path}.${kind}`;
    if (count++ > 0) {
      errs.push(E.forbidden(at, 'may not specify more than 1 handler type', 'keep exactly one of exec, httpGet, tcpSocket, grpc (sleep for lifecycle hooks)'));
      continue;
    }
    const h = obj(handler[kind]);
    switch (kind) {
      case 'exec':
        if (arr(h.command).length === 0) errs.push(E.required(`${at}.command`, '', 'give the command to run, e.g. ["/bin/check"]'));
        break;
      case 'httpGet':
        if (typeof h.path !== 'string' || h.path === '') errs.push(E.required(`${at}.path`));
        append(errs, portNumOrName(h.port, `${at}.port`));
        if (!['HTTP', 'HTTPS'].includes(h.scheme)) errs.push(E.notSupported(`${at}.scheme`, h.scheme, ['HTTP', 'HTTPS']));
        for (const header of arr(h.httpHeaders)) {
          // A header without a name decodes to "", which is not a header name either.
          const name = typeof obj(header).name === 'string' ? obj(header).name : '';
          for (const m of httpHeaderName(name)) errs.push(E.invalid(`${at}.httpHeaders`, name, m));
        }
        break;
      case 'tcpSocket':
        append(errs, portNumOrName(h.port, `${at}.port`));
        break;
      case 'grpc':
        for (const m of portNumber(isInt(h.port) ? h.port : 0)) errs.push(E.invalid(`${at}.port`, h.port ?? 0, m));
        break;
      case 'sleep': {
        const s = isInt(h.seconds) ? h.seconds : 0;
        if (ctx.gates.enabled('PodLifecycleSleepActionAllowZero')) {
          if (s < 0 || s > gracePeriod) errs.push(E.invalid(at, s, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`));
        } else if (s <= 0 || s > gracePeriod) {
          errs.push(E.invalid(at, s, `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod})`));
        }
        break;
      }
    }
  }
  if (count === 0) errs.push(E.required(path, 'must specify a handler type', 'add one handler: exec, httpGet, tcpSocket or grpc'));
  return errs;
}

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

export function validateProbe(probe0: unknown, kind: ProbeKind, path: string, gracePeriod: number, ctx: PodValidationContext): FieldError[] {
  if (!isSet(probe0)) return [];
  const probe = obj(probe0);
  const errs = validateHandler(probe, HANDLERS, path, gracePeriod, ctx);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    if (isInt(probe[f]) && probe[f] < 0) errs.push(E.invalid(`${path}.${f}`, probe[f], 'must be greater than or equal to 0'));
  }
  if (isSet(probe.terminationGracePeriodSeconds)) {
    if (kind === 'readinessProbe') {errs.push(E.invalid(`${path}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));} else if (isInt(probe.terminationGracePeriodSeconds) && probe.terminationGracePeriodSeconds <= 0) {
      errs.push(E.invalid(`${path}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must be greater than 0'));
    }
  }
  if (kind !== 'readinessProbe' && isInt(probe.successThreshold) && probe.successThreshold !== 1) {
    errs.push(E.invalid(`${path}.successThreshold`, probe.successThreshold, 'must be 1', 'liveness and startup probes need successThreshold: 1'));
  }
  return errs;
}

export function validateLifecycle(lifecycle0: unknown, path: string, gracePeriod: number, ctx: PodValidationContext): FieldError[] {
  const lifecycle = obj(lifecycle0);
  return (['postStart', 'preStop'] as const).flatMap((hook) =>
    (isSet(lifecycle[hook]) ? validateHandler(obj(lifecycle[hook]), LIFECYCLE_HANDLERS, `${path}.${hook}`, gracePeriod, ctx) : []));
}
