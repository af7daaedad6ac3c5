// The catalog module's public surface. What it contributes to the platform is in module.ts.
export * from './catalog.js';
export {
  domainTemplates,
  domainTemplate,
  villageTemplate,
  type DomainTemplate,
  type TemplateNode,
} from './templates/index.js';
export * as catalogs from './catalog-use-cases.js';
export { can as canOnCatalog, type CatalogAction } from './catalog.policy.js';
export type { PublishedByItem } from './catalog-public.service.js';
