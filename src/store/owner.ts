import { randomBytes } from 'node:crypto';

/**
 * Who owns an in-flight operation: one running process. The id is `<replica>/<instance>`: the replica is
 * where the process serves (host name and port), the instance a random id drawn at start. Two processes
 * never share an id, even two replicas on hosts with the same name and port, so neither can mistake the
 * other's live work for its own. A restarted replica finds what its previous process left by the replica
 * part, and takes it once its claim has stopped being refreshed (see `OperationStore.claimOrphaned`).
 */
export function processOwnerId(replica: string, instance = randomBytes(4).toString('hex')): string {
  return `${replica}/${instance}`;
}

/** The replica part of an owner id; an id without an instance (written before instances existed) is one. */
export function replicaOf(owner: string): string {
  const slash = owner.lastIndexOf('/');
  return slash < 0 ? owner : owner.slice(0, slash);
}
