import { arr, isSet, obj, quote } from './helpers';
import { PodSecurityCheck } from './types';

/** Volume sources restricted pods may use (image: allowed by the single 1.0 revision since Kubernetes 1.33). */
export const RESTRICTED_VOLUME_TYPES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret']);

/** Every other volume source of the core API. */
export const OTHER_VOLUME_TYPES = new Set(['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs',
  'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk',
  'portworxVolume', 'scaleIO', 'storageos']);

/**
 * Restricted, 1.0+: only the core volume types (and PVCs for everything else). Replaces hostPathVolumes
 * under restricted. A volume with no source is defaulted to emptyDir by the API server, so it passes.
 */
export const restrictedVolumes: PodSecurityCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  revisions: [{
    since: 0,
    overrides: ['hostPathVolumes'],
    check: (pod) => {
      const bad: Array<{ name: any; path: string; type: string }> = [];
      arr(pod.spec.volumes).forEach((raw, i) => {
        const v = obj(raw);
        const types = Object.keys(v).filter((k) => OTHER_VOLUME_TYPES.has(k) && isSet(v[k]));
        for (const type of types) bad.push({ name: v.name ?? `volumes[${i}]`, path: `spec.volumes[${i}].${type}`, type });
      });
      if (!bad.length) return undefined;
      const names = [...new Set(bad.map((b) => quote(b.name)))];
      return {
        paths: bad.map((b) => b.path),
        message: `${names.length === 1 ? 'volume' : 'volumes'} ${names.join(', ')} ${names.length === 1 ? 'has a' : 'have'} restricted ${bad.length === 1 ? 'type' : 'types'} (${[...new Set(bad.map((b) => b.type))].join(', ')})`,
        fix: 'use configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret (a PVC for any other storage)',
      };
    },
  }],
};
