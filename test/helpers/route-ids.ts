/**
 * Filling the path parameters of the API's routes (as the OpenAPI document
 * names them) with real ids, for the sweeps that call every route.
 */

/** The ids a route's path can name. */
export interface PathIds {
  accountId: string;
  contactId: string;
  journeyId: string;
  concernId: string;
  stepId: string;
  templateId: string;
  tokenId: string;
  userId: string;
  importId: string;
  orderId: string;
  productId: string;
  priceRuleId: string;
  quoteId: string;
  portalInviteId: string;
  /** a guest's comment, waiting for approval */
  commentId: string;
  caseId: string;
}

export const API = '/api/v1';

/** Which id a path's `{id}` takes: the resource the path starts with. */
const ID_OF_RESOURCE: Record<string, keyof PathIds> = {
  accounts: 'accountId',
  contacts: 'contactId',
  journeys: 'journeyId',
  users: 'userId',
  tokens: 'tokenId',
  'process-templates': 'templateId',
  imports: 'importId',
  orders: 'orderId',
  products: 'productId',
  'price-rules': 'priceRuleId',
  quotes: 'quoteId',
  'portal-invites': 'portalInviteId',
  comments: 'commentId',
  cases: 'caseId',
};

export function paramValue(path: string, name: string, ids: PathIds): string {
  switch (name) {
    case 'id': {
      const resource = path.split('/')[1] ?? '';
      const field = ID_OF_RESOURCE[resource];
      if (!field) throw new Error(`no id mapping for the resource "${resource}" of ${path}; add it to ID_OF_RESOURCE`);
      return ids[field];
    }
    case 'concernId':
      return ids.concernId;
    case 'stepId':
      return ids.stepId;
    case 'key':
      return 'problem_described';
    case 'entity':
      return 'contacts';
    default:
      throw new Error(`no mapping for the path parameter {${name}} of ${path}; add it to paramValue()`);
  }
}

export const pathParams = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');

/** Path parameters that name no object (an export's entity): a route with only these names no id. */
const NOT_IDS = new Set(['entity']);

/** The path parameters that name an object of the org. */
export const pathIds = (path: string): string[] => pathParams(path).filter((p) => !NOT_IDS.has(p));

/** The URL with real ids, except `override` (already URL-encoded) for the named parameters. */
export const fill = (path: string, ids: PathIds, override: Record<string, string> = {}): string =>
  API + path.replace(/\{(\w+)\}/g, (_m, name: string) => override[name] ?? encodeURIComponent(paramValue(path, name, ids)));
