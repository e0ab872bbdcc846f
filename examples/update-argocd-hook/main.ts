/**
 * Update strategy: Argo CD hooks. The migration is a PreSync hook (it runs, and must succeed,
 * before Argo CD applies the new Deployment); the previous hook Job is deleted before the new one
 * is created, so a changed image never hits "field is immutable". A PostSync smoke test runs once
 * everything is Healthy and is deleted when it passed (kept for debugging when it failed).
 */
import { App, Chart, Duration, Size } from 'cdk8s';
import { ArgoCdHookDeletePolicy, ArgoCdHookPhase, DatabaseMigrationJob, ProductionJob, UpdateStrategy } from 'cdk8s-batch';
import * as kplus from 'cdk8s-plus-28';

const resources = { cpu: { request: kplus.Cpu.millis(200) }, memory: { request: Size.mebibytes(256) } };

export function build(app: App): Chart {
  const chart = new Chart(app, 'update-argocd-hook', { namespace: 'shop', disableResourceNameHashes: true });
  new DatabaseMigrationJob(chart, 'migrate', {
    name: 'shop-migrate',
    image: 'registry.example.com/shop/migrations:43',
    command: ['/app/migrate', 'up'],
    resources,
    secretEnv: { DATABASE_URL: { secretName: 'shop-db', key: 'url' } },
    updateStrategy: UpdateStrategy.argoCdHook({ phases: [ArgoCdHookPhase.PRE_SYNC], deletePolicies: [ArgoCdHookDeletePolicy.BEFORE_HOOK_CREATION] }),
  });
  new ProductionJob(chart, 'smoke-test', {
    metadata: { name: 'shop-smoke-test' },
    updateStrategy: UpdateStrategy.argoCdHook({ phases: [ArgoCdHookPhase.POST_SYNC], deletePolicies: [ArgoCdHookDeletePolicy.HOOK_SUCCEEDED] }),
    activeDeadline: Duration.minutes(5),
    backoffLimit: 0,
    containers: [{ name: 'smoke', image: 'registry.example.com/shop/smoke-tests:43', args: ['--base-url', 'http://shop.shop.svc'], resources }],
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
