import { SpawnSyncReturns, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

/** A Job with known findings, linted beside every hostile input: its findings must survive. */
export const KNOWN_FILE = path.join(root, 'test', 'validation', 'fixtures', 'hanging-job.yaml');
export const KNOWN_FINDING = 'no-active-deadline Job/import-orders';

export interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the child ran out of time (killed) rather than exiting. */
  readonly timedOut: boolean;
}

/**
 * The real command line in a child process, with a heap cap and a time limit: bounded time and
 * memory are judged by how the child ends (exit code vs. killed / out of memory), never by timing.
 */
export function runCli(args: string[], options: { heapMiB?: number; timeoutMs?: number; cwd?: string } = {}): CliRun {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [
    `--max-old-space-size=${options.heapMiB ?? 256}`,
    '-r', 'ts-node/register/transpile-only',
    path.join(root, 'src', 'cli', 'main.ts'),
    ...args,
  ], {
    encoding: 'utf8',
    cwd: options.cwd ?? root,
    timeout: options.timeoutMs ?? 90_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'test', 'tsconfig.json'), NODE_OPTIONS: '' },
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut };
}

/** A fresh temporary folder holding a copy of the known file. */
export function folderWithKnownFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-batch-cli-'));
  fs.copyFileSync(KNOWN_FILE, path.join(dir, 'known.yaml'));
  return dir;
}

/** `ruleId Kind/name` of every finding in `lint --format json` output. */
export function findingKeys(stdout: string): string[] {
  return JSON.parse(stdout).findings.map((f: any) => `${f.ruleId} ${f.kind}/${f.name}`);
}
