import { arr, containersPhrase, obj, quote, sc } from './helpers';
import { ContainerRef, PodSecurityCheck } from './types';

/** The capabilities container runtimes grant by default: the only ones baseline lets a container add. */
export const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

/** Baseline, 1.0+: capabilities.add only from the runtime default set. Replaced by capabilities_restricted under restricted. */
export const capabilitiesBaseline: PodSecurityCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  revisions: [{
    since: 0,
    check: (pod) => {
      const paths: string[] = [];
      const bad: ContainerRef[] = [];
      const caps = new Set<string>();
      for (const r of pod.containers) {
        let found = false;
        arr(obj(sc(r).capabilities).add).forEach((cap, j) => {
          if (BASELINE_CAPABILITIES.has(cap)) return;
          found = true;
          caps.add(String(cap));
          paths.push(`${r.path}.securityContext.capabilities.add[${j}]`);
        });
        if (found) bad.push(r);
      }
      if (!bad.length) return undefined;
      return {
        paths,
        message: `${containersPhrase(bad)} must not add ${[...caps].sort().map(quote).join(', ')} to securityContext.capabilities.add (only the runtime defaults are allowed)`,
        fix: 'remove those capabilities; baseline allows adding only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT',
      };
    },
  }],
};
