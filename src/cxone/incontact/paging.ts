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

/** Reads every page: `fetchPage` asks for one, `count` says how many items it held. */
export async function readAllPages<P extends PageInfo>(
  endpoint: string,
  fetchPage: (request: PageRequest) => Promise<P>,
  count: (page: P) => number,
): Promise<P[]> {
  const pages: P[] = [];
  let request: PageRequest | undefined = FIRST_PAGE;
  while (request) {
    if (pages.length >= MAX_PAGES) {
      throw new InvalidResponseError(
        `${endpoint}: more than ${MAX_PAGES} pages of ${FIRST_PAGE.top}; stopped reading (does CXone honour skip?)`,
        ['_links.next'],
        { endpoint },
      );
    }
    const page = await fetchPage(request);
    pages.push(page);
    request = nextPage(request, count(page), page);
  }
  return pages;
}
