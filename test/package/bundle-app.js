// One app built against a given copy of the library (the bundled package or the source), printed
// as the YAML a synth writes. Plain JavaScript: the bundle test runs it with node itself.
const { App, Chart, Duration, Size, Yaml } = require('cdk8s');
const kplus = require('cdk8s-plus-28');

module.exports = function synthWith(batch) {
  // Nothing is written: the chart is rendered with toJson, which runs the same checks as a synth.
  const app = new App();
  const chart = new Chart(app, 'bundle', { namespace: 'batch' });
  const resources = { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128) } };
  new batch.ProductionCronJob(chart, 'nightly', {
    schedule: '30 2 * * *', timeZone: 'Europe/Berlin', activeDeadline: Duration.minutes(30),
    containers: [{ name: 'main', image: 'registry.example.com/report:1.2.3', resources }],
  });
  new batch.ProductionJob(chart, 'migrate', {
    activeDeadline: Duration.minutes(10), updateStrategy: batch.UpdateStrategy.contentHash(),
    containers: [{ name: 'main', image: 'registry.example.com/migrate:4.5.6', resources }],
  });
  return chart.toJson().map((doc) => Yaml.stringify(doc)).join('---\n');
};
