export * from './agency.js';
export * as agencies from './agency.service.js';
export { can as canOnAgency } from './agency.policy.js';
export {
  publicAgency,
  staffAgency,
  toTree,
  type AgencyNode,
  type PublicAgency,
  type StaffAgency,
} from './agency.presenter.js';
export { checkCreditCode, composeCreditCode, normalizeCreditCode } from './credit-code.js';
export {
  createAgencySchema,
  updateAgencySchema,
  renameAgencySchema,
  moveAgencySchema,
} from './agency.schemas.js';
export { registerAgencyRoutes } from './agency.routes.js';
export { registerAgencyApi } from './agency.api.js';
