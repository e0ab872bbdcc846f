import { NextCase, iso, loadSample } from './corpus';
import { apiServerScheduleErrors, parseForController } from '../../src/schedule/cron-schedule';
import { goNext } from '../../src/schedule/next';
import { parseStandard } from '../../src/schedule/parser';

const { cases } = loadSample<NextCase>('cron-next.sample.json');

/** What our implementation says for one corpus case, in the corpus' own shape. */
function evaluate(c: NextCase) {
  const parsed = parseStandard(c.schedule);
  const k8sErrors = apiServerScheduleErrors(c.schedule, c.timeZone ?? undefined)
    .map((e) => `spec.${e.field}: ${e.kubernetesMessage}`);
  const controller = parseForController(c.schedule, c.timeZone ?? undefined);
  const next: Array<string | null> = [];
  if (controller.schedule) {
    let t: number | undefined = new Date(c.from).getTime() / 1000;
    for (let i = 0; i < 5; i++) {
      t = t === undefined ? undefined : goNext(controller.schedule, t);
      next.push(t === undefined ? null : iso(new Date(t * 1000)));
    }
  }
  return {
    valid: parsed.ok,
    error: parsed.ok ? null : parsed.error,
    panic: parsed.ok ? false : parsed.panic,
    k8sAccepted: k8sErrors.length === 0,
    k8sErrors,
    controllerSpec: controller.spec ?? null,
    controllerError: controller.error ?? null,
    next,
  };
}

describe(`cron-next corpus sample (${cases.length} cases from robfig/cron v3.0.1 and the API server)`, () => {
  test.each(cases.map((c) => [c.id, c.category, c] as const))('%s (%s)', (_id, _category, c) => {
    expect(evaluate(c)).toEqual({
      valid: c.valid,
      error: c.error,
      panic: c.panic,
      k8sAccepted: c.k8sAccepted,
      k8sErrors: c.k8sErrors,
      controllerSpec: c.controllerSpec,
      controllerError: c.controllerError,
      next: c.next,
    });
  });
});
