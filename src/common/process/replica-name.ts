import { hostname } from 'node:os';

/**
 * How this process signs the rows it claims: host (the pod's name in Kubernetes) and process
 * id, so replicas sharing a host stay apart.
 */
export function replicaName(): string {
  return `${hostname()}:${process.pid}`;
}
