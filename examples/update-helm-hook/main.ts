/**
 * Update strategy: Helm hooks, for manifests packaged into a Helm chart (e.g. `cdk8s synth` output
 * copied into `templates/`). The migration runs before install and before every upgrade (weight
 * -5: before the other pre-upgrade hooks); Helm deletes the previous hook Job before creating the
 * new one, so a changed image never hits "field is immutable".
 */
import { App, Chart, Size } from 'cdk8s';
import { DatabaseMigrationJob, HelmHook, HelmHookDeletePolicy, UpdateStrategy } from 'cdk8s-batch';
import * as kplus from 'cdk8s-plus-28';

export function build(app: App): Chart {
  const chart = new Chart(app, 'update-helm-hook', { namespace: 'shop', disableResourceNameHashes: true });
  new DatabaseMigrationJob(chart, 'migrate', {
    name: 'shop-migrate',
    image: 'registry.example.com/shop/migrations:43',
    command: ['/app/migrate', 'up'],
    resources: { cpu: { request: kplus.Cpu.millis(200) }, memory: { request: Size.mebibytes(256) } },
    secretEnv: { DATABASE_URL: { secretName: 'shop-db', key: 'url' } },
    updateStrategy: UpdateStrategy.helmHook({
      hooks: [HelmHook.PRE_INSTALL, HelmHook.PRE_UPGRADE],
      weight: -5,
      deletePolicies: [HelmHookDeletePolicy.BEFORE_HOOK_CREATION],
    }),
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
