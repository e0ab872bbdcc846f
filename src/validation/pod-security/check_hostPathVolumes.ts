import { arr, isSet, obj, quote } from './helpers';
import { PodSecurityCheck } from './types';

/** Baseline, 1.0+: no hostPath volumes. Replaced by restrictedVolumes under restricted. */
export const hostPathVolumes: PodSecurityCheck = {
  id: 'hostPathVolumes',
  level: 'baseline',
  revisions: [{
    since: 0,
    check: (pod) => {
      const bad = arr(pod.spec.volumes).map((v, i) => ({ v: obj(v), i })).filter(({ v }) => isSet(v.hostPath));
      if (!bad.length) return undefined;
      return {
        paths: bad.map(({ i }) => `spec.volumes[${i}].hostPath`),
        message: `hostPath ${bad.length === 1 ? 'volume' : 'volumes'} ${bad.map(({ v, i }) => quote(v.name ?? `volumes[${i}]`)).join(', ')} mount the node's filesystem`,
        fix: 'use a persistentVolumeClaim, emptyDir, configMap, secret or projected volume instead',
      };
    },
  }],
};
