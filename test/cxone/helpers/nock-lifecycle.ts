import nock from 'nock';

/**
 * One nock lifecycle for every file that intercepts HTTP: no real network, a clean slate after each test
 * (pending delayed replies aborted so they cannot fire into the next test), and nock restored at the end.
 * Restoring matters: nock patches Node's http module for the whole worker process and each test file loads
 * its own copy, so one left active would intercept beneath the next file's and surface its errors as
 * unhandled.
 */
export function useNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    nock.abortPendingRequests();
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}
