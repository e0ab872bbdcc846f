/** Preset example: IndexRefreshCronJob. */
import { App, Chart, Size } from 'cdk8s';
import { IndexRefreshCronJob } from 'cdk8s-batch';
import * as kplus from 'cdk8s-plus-28';

const resources = { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } };

export function build(app: App): Chart {
  const chart = new Chart(app, 'preset-index-refresh', { namespace: 'team-a', disableResourceNameHashes: true });
  new IndexRefreshCronJob(chart, 'embeddings', {
    name: 'embeddings-refresh',
    image: 'registry.example.com/search/embed:0.9.0',
    resources,
    secretEnv: { OPENAI_API_KEY: { secretName: 'embeddings', key: 'api-key' }, VECTOR_DB_URL: { secretName: 'vector-db', key: 'url' } },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
