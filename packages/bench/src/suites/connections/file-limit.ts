// How many descriptors a child may have. Node cannot raise its own limit, so children are started through the shell's
// `ulimit -n` (harness/services.ts, withFileLimit). Raising the hard limit needs root with CAP_SYS_RESOURCE (up to
// /proc/sys/fs/nr_open); without it, a child gets at most the hard limit this process has.
import { spawnSync } from 'node:child_process';

export function fileLimitUpTo(wanted: number): number {
  if (spawnSync('/bin/sh', ['-c', `ulimit -n ${wanted}`]).status === 0) return wanted;
  const hard = spawnSync('/bin/sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).stdout.trim();
  return hard === 'unlimited' ? wanted : Math.min(wanted, Number(hard));
}
