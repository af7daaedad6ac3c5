// The open-data module's public surface. What it contributes to the platform is in module.ts.
export { tableDefs, tableNames, toCsv, type OpenTable, type TableName, type Dataset } from './open-data.js';
export { openDataSettings, licenseOf, type License } from './open-data.settings.js';
export * as openData from './open-data.service.js';
