import { describeAudit } from '../../platform/audit.js';
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

describeAudit({
  actions: {
    'agency.create': '新增机构',
    'agency.update': '修改机构信息',
    'agency.rename': '机构更名',
    'agency.move': '调整隶属关系',
    'agency.dissolve': '撤销机构',
  },
  subjects: { agency: '机构' },
});
