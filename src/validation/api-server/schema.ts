/**
 * The shape of batch/v1 Job and CronJob (with the pod template) as the API server decodes them:
 * which fields exist and their Go types. Decoding errors (a string where an integer belongs) and
 * unknown fields (dropped by the server) are both found by walking a manifest against it.
 */
export type FieldType =
  | 'int32' | 'int64' | 'bool' | 'string' | 'quantity' | 'intOrString' | 'any'
  | { readonly list: FieldType }
  | { readonly map: FieldType }
  | (() => Struct);
export interface Struct { readonly [field: string]: FieldType }

const list = (t: FieldType) => ({ list: t });
const map = (t: FieldType) => ({ map: t });
const strings = list('string');
const stringMap = map('string');

const ownerReference: Struct = { apiVersion: 'string', kind: 'string', name: 'string', uid: 'string', controller: 'bool', blockOwnerDeletion: 'bool' };
const objectMeta = (): Struct => ({
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  selfLink: 'string',
  uid: 'string',
  resourceVersion: 'string',
  generation: 'int64',
  creationTimestamp: 'any',
  deletionTimestamp: 'any',
  deletionGracePeriodSeconds: 'int64',
  labels: stringMap,
  annotations: stringMap,
  ownerReferences: list(() => ownerReference),
  finalizers: strings,
  managedFields: 'any',
});
const labelSelector = (): Struct => ({
  matchLabels: stringMap,
  matchExpressions: list(() => ({ key: 'string', operator: 'string', values: strings })),
});
const nodeSelectorTerm = (): Struct => ({
  matchExpressions: list(() => ({ key: 'string', operator: 'string', values: strings })),
  matchFields: list(() => ({ key: 'string', operator: 'string', values: strings })),
});
const podAffinityTerm = (): Struct => ({
  labelSelector, namespaces: strings, topologyKey: 'string', namespaceSelector: labelSelector, matchLabelKeys: strings, mismatchLabelKeys: strings,
});
const affinity = (): Struct => ({
  nodeAffinity: () => ({
    requiredDuringSchedulingIgnoredDuringExecution: () => ({ nodeSelectorTerms: list(nodeSelectorTerm) }),
    preferredDuringSchedulingIgnoredDuringExecution: list(() => ({ weight: 'int32', preference: nodeSelectorTerm })),
  }),
  podAffinity: podAffinity,
  podAntiAffinity: podAffinity,
});
const podAffinity = (): Struct => ({
  requiredDuringSchedulingIgnoredDuringExecution: list(podAffinityTerm),
  preferredDuringSchedulingIgnoredDuringExecution: list(() => ({ weight: 'int32', podAffinityTerm })),
});
const typedReference = (): Struct => ({ apiGroup: 'string', kind: 'string', name: 'string', namespace: 'string' });
const persistentVolumeClaimSpec = (): Struct => ({
  accessModes: strings,
  selector: labelSelector,
  resources: () => ({ limits: map('quantity'), requests: map('quantity') }),
  volumeName: 'string',
  storageClassName: 'string',
  volumeMode: 'string',
  dataSource: typedReference,
  dataSourceRef: typedReference,
  volumeAttributesClassName: 'string',
});
const keyRef = (): Struct => ({ name: 'string', key: 'string', optional: 'bool' });
const objectFieldSelector = (): Struct => ({ apiVersion: 'string', fieldPath: 'string' });
const resourceFieldSelector = (): Struct => ({ containerName: 'string', resource: 'string', divisor: 'quantity' });
const envVar = (): Struct => ({
  name: 'string',
  value: 'string',
  valueFrom: () => ({ fieldRef: objectFieldSelector, resourceFieldRef: resourceFieldSelector, configMapKeyRef: keyRef, secretKeyRef: keyRef, fileKeyRef: 'any' }),
});
const envFrom = (): Struct => ({ prefix: 'string', configMapRef: () => ({ name: 'string', optional: 'bool' }), secretRef: () => ({ name: 'string', optional: 'bool' }) });
const httpGet = (): Struct => ({ path: 'string', port: 'intOrString', host: 'string', scheme: 'string', httpHeaders: list(() => ({ name: 'string', value: 'string' })) });
const handlers: Struct = {
  exec: (): Struct => ({ command: strings }),
  httpGet,
  tcpSocket: (): Struct => ({ port: 'intOrString', host: 'string' }),
};
const probe = (): Struct => ({
  ...handlers,
  grpc: () => ({ port: 'int32', service: 'string' }),
  initialDelaySeconds: 'int32',
  timeoutSeconds: 'int32',
  periodSeconds: 'int32',
  successThreshold: 'int32',
  failureThreshold: 'int32',
  terminationGracePeriodSeconds: 'int64',
});
const lifecycleHandler = (): Struct => ({ ...handlers, sleep: () => ({ seconds: 'int64' }) });
const seccompProfile = (): Struct => ({ type: 'string', localhostProfile: 'string' });
const appArmorProfile = (): Struct => ({ type: 'string', localhostProfile: 'string' });
const seLinuxOptions = (): Struct => ({ user: 'string', role: 'string', type: 'string', level: 'string' });
const windowsOptions = (): Struct => ({ gmsaCredentialSpecName: 'string', gmsaCredentialSpec: 'string', runAsUserName: 'string', hostProcess: 'bool' });
const containerSecurityContext = (): Struct => ({
  capabilities: () => ({ add: strings, drop: strings }),
  privileged: 'bool',
  seLinuxOptions,
  windowsOptions,
  runAsUser: 'int64',
  runAsGroup: 'int64',
  runAsNonRoot: 'bool',
  readOnlyRootFilesystem: 'bool',
  allowPrivilegeEscalation: 'bool',
  procMount: 'string',
  seccompProfile,
  appArmorProfile,
});
const resources = (): Struct => ({ limits: map('quantity'), requests: map('quantity'), claims: list(() => ({ name: 'string', request: 'string' })) });
export const containerSchema = (): Struct => ({
  name: 'string',
  image: 'string',
  command: strings,
  args: strings,
  workingDir: 'string',
  ports: list(() => ({ name: 'string', hostPort: 'int32', containerPort: 'int32', protocol: 'string', hostIP: 'string' })),
  envFrom: list(envFrom),
  env: list(envVar),
  resources,
  resizePolicy: list(() => ({ resourceName: 'string', restartPolicy: 'string' })),
  restartPolicy: 'string',
  restartPolicyRules: list(() => ({ action: 'string', exitCodes: () => ({ operator: 'string', values: list('int32') }) })),
  volumeMounts: list(() => ({ name: 'string', readOnly: 'bool', recursiveReadOnly: 'string', mountPath: 'string', subPath: 'string', mountPropagation: 'string', subPathExpr: 'string' })),
  volumeDevices: list(() => ({ name: 'string', devicePath: 'string' })),
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
  lifecycle: () => ({ postStart: lifecycleHandler, preStop: lifecycleHandler, stopSignal: 'string' }),
  terminationMessagePath: 'string',
  terminationMessagePolicy: 'string',
  imagePullPolicy: 'string',
  securityContext: containerSecurityContext,
  stdin: 'bool',
  stdinOnce: 'bool',
  tty: 'bool',
});
const keyToPath = list(() => ({ key: 'string', path: 'string', mode: 'int32' }));
const downwardAPIFile = list(() => ({ path: 'string', fieldRef: objectFieldSelector, resourceFieldRef: resourceFieldSelector, mode: 'int32' }));
const volume = (): Struct => ({
  name: 'string',
  hostPath: () => ({ path: 'string', type: 'string' }),
  emptyDir: () => ({ medium: 'string', sizeLimit: 'quantity' }),
  secret: () => ({ secretName: 'string', items: keyToPath, defaultMode: 'int32', optional: 'bool' }),
  configMap: () => ({ name: 'string', items: keyToPath, defaultMode: 'int32', optional: 'bool' }),
  persistentVolumeClaim: () => ({ claimName: 'string', readOnly: 'bool' }),
  downwardAPI: () => ({ items: downwardAPIFile, defaultMode: 'int32' }),
  projected: () => ({
    sources: list(() => ({
      secret: () => ({ name: 'string', items: keyToPath, optional: 'bool' }),
      configMap: () => ({ name: 'string', items: keyToPath, optional: 'bool' }),
      downwardAPI: () => ({ items: downwardAPIFile }),
      serviceAccountToken: () => ({ audience: 'string', expirationSeconds: 'int64', path: 'string' }),
      clusterTrustBundle: 'any',
      podCertificate: 'any',
    })),
    defaultMode: 'int32',
  }),
  csi: () => ({ driver: 'string', readOnly: 'bool', fsType: 'string', volumeAttributes: stringMap, nodePublishSecretRef: () => ({ name: 'string' }) }),
  ephemeral: () => ({ volumeClaimTemplate: () => ({ metadata: objectMeta, spec: persistentVolumeClaimSpec }) }),
  nfs: () => ({ server: 'string', path: 'string', readOnly: 'bool' }),
  image: () => ({ reference: 'string', pullPolicy: 'string' }),
  gcePersistentDisk: 'any',
  awsElasticBlockStore: 'any',
  gitRepo: 'any',
  iscsi: 'any',
  glusterfs: 'any',
  rbd: 'any',
  flexVolume: 'any',
  cinder: 'any',
  cephfs: 'any',
  flocker: 'any',
  fc: 'any',
  azureFile: 'any',
  vsphereVolume: 'any',
  quobyte: 'any',
  azureDisk: 'any',
  photonPersistentDisk: 'any',
  portworxVolume: 'any',
  scaleIO: 'any',
  storageos: 'any',
});
export const podSpecSchema = (): Struct => ({
  volumes: list(volume),
  initContainers: list(containerSchema),
  containers: list(containerSchema),
  ephemeralContainers: 'any',
  restartPolicy: 'string',
  terminationGracePeriodSeconds: 'int64',
  activeDeadlineSeconds: 'int64',
  dnsPolicy: 'string',
  nodeSelector: stringMap,
  serviceAccountName: 'string',
  serviceAccount: 'string',
  automountServiceAccountToken: 'bool',
  nodeName: 'string',
  hostNetwork: 'bool',
  hostPID: 'bool',
  hostIPC: 'bool',
  shareProcessNamespace: 'bool',
  securityContext: () => ({
    seLinuxOptions,
    windowsOptions,
    runAsUser: 'int64',
    runAsGroup: 'int64',
    runAsNonRoot: 'bool',
    supplementalGroups: list('int64'),
    supplementalGroupsPolicy: 'string',
    fsGroup: 'int64',
    sysctls: list(() => ({ name: 'string', value: 'string' })),
    fsGroupChangePolicy: 'string',
    seccompProfile,
    appArmorProfile,
    seLinuxChangePolicy: 'string',
  }),
  imagePullSecrets: list(() => ({ name: 'string' })),
  hostname: 'string',
  subdomain: 'string',
  affinity,
  schedulerName: 'string',
  tolerations: list(() => ({ key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: 'int64' })),
  hostAliases: list(() => ({ ip: 'string', hostnames: strings })),
  priorityClassName: 'string',
  priority: 'int32',
  dnsConfig: () => ({ nameservers: strings, searches: strings, options: list(() => ({ name: 'string', value: 'string' })) }),
  readinessGates: list(() => ({ conditionType: 'string' })),
  runtimeClassName: 'string',
  enableServiceLinks: 'bool',
  preemptionPolicy: 'string',
  overhead: map('quantity'),
  topologySpreadConstraints: list(() => ({
    maxSkew: 'int32',
    topologyKey: 'string',
    whenUnsatisfiable: 'string',
    labelSelector,
    minDomains: 'int32',
    nodeAffinityPolicy: 'string',
    nodeTaintsPolicy: 'string',
    matchLabelKeys: strings,
  })),
  setHostnameAsFQDN: 'bool',
  os: () => ({ name: 'string' }),
  hostUsers: 'bool',
  schedulingGates: list(() => ({ name: 'string' })),
  resourceClaims: list(() => ({ name: 'string', resourceClaimName: 'string', resourceClaimTemplateName: 'string' })),
  resources,
  hostnameOverride: 'string',
});
const podTemplate = (): Struct => ({ metadata: objectMeta, spec: podSpecSchema });
export const jobSpecSchema = (): Struct => ({
  parallelism: 'int32',
  completions: 'int32',
  activeDeadlineSeconds: 'int64',
  podFailurePolicy: () => ({
    rules: list(() => ({
      action: 'string',
      onExitCodes: () => ({ containerName: 'string', operator: 'string', values: list('int32') }),
      onPodConditions: list(() => ({ type: 'string', status: 'string' })),
    })),
  }),
  successPolicy: () => ({ rules: list(() => ({ succeededIndexes: 'string', succeededCount: 'int32' })) }),
  backoffLimit: 'int32',
  backoffLimitPerIndex: 'int32',
  maxFailedIndexes: 'int32',
  selector: labelSelector,
  manualSelector: 'bool',
  template: podTemplate,
  ttlSecondsAfterFinished: 'int32',
  completionMode: 'string',
  suspend: 'bool',
  podReplacementPolicy: 'string',
  managedBy: 'string',
});
const cronJobSpec = (): Struct => ({
  schedule: 'string',
  timeZone: 'string',
  startingDeadlineSeconds: 'int64',
  concurrencyPolicy: 'string',
  suspend: 'bool',
  jobTemplate: () => ({ metadata: objectMeta, spec: jobSpecSchema }),
  successfulJobsHistoryLimit: 'int32',
  failedJobsHistoryLimit: 'int32',
});
export const jobSchema = (): Struct => ({ apiVersion: 'string', kind: 'string', metadata: objectMeta, spec: jobSpecSchema, status: 'any' });
export const cronJobSchema = (): Struct => ({ apiVersion: 'string', kind: 'string', metadata: objectMeta, spec: cronJobSpec, status: 'any' });
