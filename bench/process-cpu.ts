import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second in /proc (USER_HZ); 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) a process has used, from /proc; with `reapedChildren`, also
 * what its children that have exited used (PostgreSQL's backends are the postmaster's).
 * Undefined where there is no /proc (not Linux) or the process is gone.
 */
export function processCpuSeconds(pid: number, reapedChildren = false): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (in parentheses, which may hold spaces): utime is the 14th field.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    return (utime + stime + (reapedChildren ? cutime + cstime : 0)) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used by the local PostgreSQL so far: its live processes, plus the backends that
 * have exited (counted on the postmaster). The difference of two readings is what it spent.
 */
export function postgresCpuSeconds(): number | undefined {
  let total = 0;
  let found = false;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let comm: string;
    try {
      comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (comm !== 'postgres') continue;
    const pid = Number(entry);
    // The postmaster is the one whose parent is not PostgreSQL; its children are the backends.
    total += processCpuSeconds(pid, isParentNotPostgres(pid)) ?? 0;
    found = true;
  }
  return found ? total : undefined;
}

function isParentNotPostgres(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
    return readFileSync(`/proc/${parent}/comm`, 'utf8').trim() !== 'postgres';
  } catch {
    return false;
  }
}
