// The catalog module's public surface. What it contributes to the platform is in module.ts.
export * from './catalog.js';
export * as catalogs from './catalog.service.js';
export {
  buildWorkbook,
  parseWorkbook,
  CatalogImportRefused,
  problemText,
  type ImportProblem,
} from './catalog-excel.js';
