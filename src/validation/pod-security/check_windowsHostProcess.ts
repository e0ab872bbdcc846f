import { containersPhrase, obj, sc } from './helpers';
import { PodSecurityCheck } from './types';
import { append } from '../../util/append';

/** Baseline, 1.0+: no Windows HostProcess containers (pod or container level). */
export const windowsHostProcess: PodSecurityCheck = {
  id: 'windowsHostProcess',
  level: 'baseline',
  revisions: [{
    since: 0,
    check: (pod) => {
      const paths: string[] = [];
      const setters: string[] = [];
      if (obj(pod.podSc.windowsOptions).hostProcess === true) {
        paths.push('spec.securityContext.windowsOptions.hostProcess');
        setters.push('pod');
      }
      const bad = pod.containers.filter((r) => obj(sc(r).windowsOptions).hostProcess === true);
      append(paths, bad.map((r) => `${r.path}.securityContext.windowsOptions.hostProcess`));
      if (bad.length) setters.push(containersPhrase(bad));
      if (!paths.length) return undefined;
      return {
        paths,
        message: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
        fix: 'remove windowsOptions.hostProcess (or set false)',
      };
    },
  }],
};
