// The agencies module's public surface: services, types and presenters other modules use.
// What the module contributes to the platform (tables, pages, commands) is in module.ts.
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
export { withinSubtrees, withinSubtree, agencyField } from './agency.scope.js';
export { ContactSummary } from './views/contact-summary.js';
