export * as INCONTACT_ASSUMPTIONS from './assumptions';
export { createIncontactClient, type IncontactClient, type IncontactClientOptions } from './client';
export { INCONTACT_ROUTES, type IncontactRoute } from './routes';
