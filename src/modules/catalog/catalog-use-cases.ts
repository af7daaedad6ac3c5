// Every use case of the catalog, as the `catalogs` namespace of the module's index (the doors,
// the demo loader and the tests call them as catalogs.adoptTemplate(…) and so on).
export { adoptTemplate, addLocalDomain, deriveTownship } from './catalog-adopt.service.js';
export { addItem, updateItem, moveItem, removeItem } from './catalog-items.service.js';
export {
  listVersions,
  snapshot,
  compare,
  comparePage,
  type VersionEntry,
  type ComparePage,
} from './catalog-versions.service.js';
export {
  linkRecord,
  unlinkRecord,
  fileOnPublication,
  publishedRecordsForItem,
  linkableRecords,
  itemChoices,
  type LinkedRecord,
  type ItemChoiceGroup,
} from './catalog-links.service.js';
export {
  exportExcel,
  exportExcelForAgency,
  importExcel,
  importExcelForAgency,
} from './catalog-import.service.js';
export {
  publicIndex,
  publicCatalogs,
  publicItem,
  publishedRecordsForDomain,
  publishedByItem,
  type PublishedByItem,
  type PublicIndexEntry,
  type PublicItemPage,
} from './catalog-public.service.js';
export {
  list,
  derivationSources,
  get,
  getItem,
  indexPage,
  catalogPage,
  itemPage,
  type CatalogListItem,
  type CatalogView,
  type ItemView,
  type IndexPage,
  type CatalogPage,
  type ItemPage,
} from './catalog-staff.service.js';
