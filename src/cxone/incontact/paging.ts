import { InvalidResponseError } from '../errors';
import { MAX_PAGES, PAGE_SIZE } from './assumptions';

/**
 * `skip`/`top` paging of CXone's list endpoints. The next page is the one `_links.next` names when CXone
 * sends it, else the one after the items received while `totalRecords` says there are more. Only the
 * `skip`/`top` of a next link are used, on our own route: the link's host and path are never requested,
 * so an odd link cannot send the bearer token elsewhere.
 */
export interface PageRequest {
  skip: number;
  top: number;
}

export interface PageInfo {
  totalRecords?: number;
  _links?: { next?: string };
}

export const FIRST_PAGE: PageRequest = { skip: 0, top: PAGE_SIZE };

export function nextPage(current: PageRequest, received: number, page: PageInfo): PageRequest | undefined {
  if (received === 0) return undefined;
  const linked = page._links?.next ? fromLink(page._links.next, current) : undefined;
  const next =
    linked ??
    (page.totalRecords !== undefined ? { skip: current.skip + received, top: current.top } : undefined);
  if (next === undefined) return undefined;
  if (page.totalRecords !== undefined && next.skip >= page.totalRecords) return undefined;
  // A link that does not move forward would loop for ever.
  return next.skip > current.skip ? next : undefined;
}

function fromLink(link: string, current: PageRequest): PageRequest | undefined {
  let params: URLSearchParams;
  try {
    params = new URL(link, 'http://relative.invalid').searchParams;
  } catch {
    return undefined;
  }
  const skip = readCount(params, 'skip');
  if (skip === undefined) return undefined;
  return { skip, top: readCount(params, 'top') ?? current.top };
}

/** The link format is undocumented: names are matched case-insensitively, with an optional OData `$`. */
function readCount(params: URLSearchParams, name: string): number | undefined {
  for (const [key, value] of params) {
    if (key.replace(/^\$/, '').toLowerCase() === name && /^\d+$/.test(value)) return Number(value);
  }
  return undefined;
}

/** Pages read at once once the first page has said how many records there are. */
export const PARALLEL_PAGES = 4;

/**
 * Reads every page: `fetchPage` asks for one, `count` says how many items it held. When the first page
 * gives `totalRecords`, the other pages are known in advance and are read a few at a time (a 10,000-agent
 * tenant is 20 pages of 500); otherwise they are followed one by one through `_links.next`.
 */
export async function readAllPages<P extends PageInfo>(
  endpoint: string,
  fetchPage: (request: PageRequest) => Promise<P>,
  count: (page: P) => number,
): Promise<P[]> {
  const first = await fetchPage(FIRST_PAGE);
  const got = count(first);
  const total = first.totalRecords;
  if (total !== undefined && got > 0 && got < total) {
    // The first page's size is the step: CXone may return fewer than `top` asked for.
    const rest: PageRequest[] = [];
    for (let skip = got; skip < total; skip += got) rest.push({ skip, top: FIRST_PAGE.top });
    if (rest.length + 1 > MAX_PAGES) throw tooManyPages(endpoint);
    return [first, ...(await inBatches(rest, fetchPage))];
  }
  const pages: P[] = [first];
  let request = nextPage(FIRST_PAGE, got, first);
  while (request) {
    if (pages.length >= MAX_PAGES) throw tooManyPages(endpoint);
    const page = await fetchPage(request);
    pages.push(page);
    request = nextPage(request, count(page), page);
  }
  return pages;
}

async function inBatches<P>(
  requests: PageRequest[],
  fetchPage: (r: PageRequest) => Promise<P>,
): Promise<P[]> {
  const pages: P[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const i = next++;
      pages[i] = await fetchPage(requests[i] as PageRequest);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_PAGES, requests.length) }, worker));
  return pages;
}

function tooManyPages(endpoint: string): InvalidResponseError {
  return new InvalidResponseError(
    `${endpoint}: more than ${MAX_PAGES} pages of ${FIRST_PAGE.top}; stopped reading (does CXone honour skip?)`,
    ['_links.next'],
    { endpoint },
  );
}
