import { createHash } from 'crypto';
import { Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { KsmFeatures } from './ksm';
import { RenderedRule } from './rules';
import { RenderedMixedGroup, RenderedRecord, sharedCronJobGroup, sharedJobGroup, SharedRenderOptions } from './shared-rules';
import { PrometheusRule, PrometheusRuleSpecGroups, PrometheusRuleSpecGroupsRulesExpr } from '../imports/monitoring.coreos.com';
import { BoundedCache } from '../util/bounded-cache';

/** What the shared rules' text depends on, besides the namespace. */
export interface SharedAlertsKey {
  readonly severities: Readonly<Record<string, string>>;
  readonly extraLabels: Readonly<Record<string, string>>;
  readonly runbookBaseUrl?: string;
  readonly kubeStateMetricsSelector?: string;
  readonly clusterLabel?: string;
  readonly ksm: KsmFeatures;
  readonly ruleLabels: Readonly<Record<string, string>>;
}

const sorted = (r: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * A short, stable id of a rendering key in a chart (8 hex digits of its SHA-256). The chart is part
 * of it: two charts deploying to one namespace get separate shared objects and series keys, so one
 * cannot overwrite the other's object (whose groups depend on the chart's workloads) nor double-fire.
 */
export function sharedAlertsKeyId(k: SharedAlertsKey, chartPath: string): string {
  const canonical = JSON.stringify([sorted(k.severities), sorted(k.extraLabels), k.runbookBaseUrl ?? null, k.kubeStateMetricsSelector ?? null,
    k.clusterLabel ?? null, sorted(k.ksm as unknown as Record<string, string>), sorted(k.ruleLabels), chartPath]);
  // Every workload of a chart asks with the same few keys: hash each once.
  return keyIds.get(canonical, (c) => createHash('sha256').update(c).digest('hex').slice(0, 8));
}

const keyIds = new BoundedCache<string, string>(1000);

/**
 * The one PrometheusRule with the alert rules shared by every workload of a chart that has the same
 * namespace and rendering key (found or created with `SharedBatchAlerts.of`); its name and the
 * `cdk8s_batch_rules` value come from the key and the chart's path, so they are stable across synths.
 */
export class SharedBatchAlerts extends Construct {
  /** Finds or creates the shared rules of `namespace` and `key` in `scope`'s chart. */
  public static of(scope: Construct, namespace: string | undefined, key: SharedAlertsKey): SharedBatchAlerts {
    const chart = Chart.of(scope);
    const keyId = sharedAlertsKeyId(key, chart.node.path);
    const id = `cdk8s-batch-alerts-${(namespace ?? '').replace(/\//g, '_')}-${keyId}`;
    const existing = chart.node.tryFindChild(id);
    return existing instanceof SharedBatchAlerts ? existing : new SharedBatchAlerts(chart, id, namespace, keyId, key);
  }

  /** The PrometheusRule holding the shared alert rules. */
  public readonly rule: PrometheusRule;
  /** The value of the `cdk8s_batch_rules` label on the threshold series these rules read. */
  public readonly keyId: string;
  private readonly kinds = new Set<string>();

  private constructor(scope: Construct, id: string, namespace: string | undefined, keyId: string, key: SharedAlertsKey) {
    super(scope, id);
    this.keyId = keyId;
    const options: SharedRenderOptions = { ...key, namespace: namespace ?? 'default', key: keyId };
    this.rule = new PrometheusRule(this, 'Rule', {
      metadata: {
        name: `cdk8s-batch-alerts-${keyId}`,
        ...(namespace ? { namespace } : {}),
        ...(Object.keys(key.ruleLabels).length > 0 ? { labels: { ...key.ruleLabels } } : {}),
      },
      spec: Lazy.any({
        produce: () => ({
          groups: [
            ...(this.kinds.has('CronJob') ? [typedMixedGroup(sharedCronJobGroup(options))] : []),
            ...(this.kinds.has('Job') ? [typedMixedGroup(sharedJobGroup(options))] : []),
          ],
        }),
      }),
    });
  }

  /** Records that a workload of `kind` (Job or CronJob) uses these rules: only used kinds are rendered. */
  public use(kind: string): void {
    this.kinds.add(kind);
  }
}

/** A group of alert and recording rules in the imported CRD's typed shape. */
export function typedMixedGroup(group: RenderedMixedGroup): PrometheusRuleSpecGroups {
  return {
    name: group.name,
    rules: group.rules.map((r) => ('record' in r
      ? { record: (r as RenderedRecord).record, expr: PrometheusRuleSpecGroupsRulesExpr.fromString(r.expr), labels: r.labels }
      : {
        alert: (r as RenderedRule).alert,
        expr: PrometheusRuleSpecGroupsRulesExpr.fromString(r.expr),
        ...((r as RenderedRule).for ? { for: (r as RenderedRule).for } : {}),
        labels: r.labels,
        annotations: (r as RenderedRule).annotations,
      })),
  };
}
