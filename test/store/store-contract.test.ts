import { auditContract } from './contract/audit';
import { dropBatchContract } from './contract/drop-batches';
import { leaseContract } from './contract/leases';
import { livenessContract } from './contract/liveness';
import { operationContract } from './contract/operations';
import { subscriptionContract } from './contract/subscriptions';
import { watcherContract } from './contract/watcher';
import { describeEachStore } from './harness';

/** The same behaviour, asserted on every store: SQLite always, PostgreSQL when TEST_POSTGRES_URL is set. */
describeEachStore('store', (h) => {
  subscriptionContract(h);
  auditContract(h);
  operationContract(h);
  livenessContract(h);
  leaseContract(h);
  watcherContract(h);
  dropBatchContract(h);
});
