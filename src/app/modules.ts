import type { GongkaiModule } from '../platform/module.js';
import { accountsModule } from '../modules/accounts/module.js';
import { agenciesModule } from '../modules/agencies/module.js';
import { annualReportModule } from '../modules/annual-report/module.js';
import { appealsModule } from '../modules/appeals/module.js';
import { calendarModule } from '../modules/calendar/module.js';
import { catalogModule } from '../modules/catalog/module.js';
import { demoModule } from '../modules/demo/module.js';
import { hotlineModule } from '../modules/hotline/module.js';
import { inspectionModule } from '../modules/inspection/module.js';
import { kioskModule } from '../modules/kiosk/module.js';
import { mediaModule } from '../modules/media/module.js';
import { messagesModule } from '../modules/messages/module.js';
import { openDataModule } from '../modules/open-data/module.js';
import { operationsModule } from '../modules/operations/module.js';
import { pushModule } from '../modules/push/module.js';
import { placesModule } from '../modules/places/module.js';
import { portalModule } from '../modules/portal/module.js';
import { recordsModule } from '../modules/records/module.js';
import { requestsModule } from '../modules/requests/module.js';
import { searchModule } from '../modules/search/module.js';
import { supervisionModule } from '../modules/supervision/module.js';
import { websiteReportModule } from '../modules/website-report/module.js';

/**
 * Every module of the platform, once. The web server, the CLI, the worker, the event bus, the
 * audit labels, backup and the annual report's build all read this list (through
 * platform/module.ts `install`). Order matters twice: a module comes after those whose tables
 * its rows point to (restore fills tables in this order), and pages and commands appear in it.
 */
export const modules: readonly GongkaiModule[] = [
  agenciesModule,
  accountsModule,
  calendarModule,
  annualReportModule,
  requestsModule,
  appealsModule,
  searchModule,
  recordsModule,
  catalogModule,
  portalModule,
  hotlineModule,
  messagesModule,
  pushModule,
  mediaModule,
  placesModule,
  kioskModule,
  inspectionModule,
  supervisionModule,
  openDataModule,
  operationsModule,
  websiteReportModule,
  demoModule,
];
