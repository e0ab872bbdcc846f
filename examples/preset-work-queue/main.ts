/** Preset example: WorkQueueJob. */
import { App, Chart, Size } from 'cdk8s';
import { WorkQueueJob } from 'cdk8s-batch';
import * as kplus from 'cdk8s-plus-28';

const resources = { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } };

export function build(app: App): Chart {
  const chart = new Chart(app, 'preset-work-queue', { namespace: 'team-a', disableResourceNameHashes: true });
  new WorkQueueJob(chart, 'thumbnails', {
    name: 'thumbnails',
    image: 'registry.example.com/media/thumbnails:1.0.0',
    resources,
    workers: 5,
    secretEnv: { QUEUE_URL: { secretName: 'media-queue', key: 'url' } },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
