import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-published-report.js';
import * as m0003 from './0003-calendar.js';
import * as m0004 from './0004-request.js';
import * as m0005 from './0005-request-events.js';
import * as m0006 from './0006-appeal-handler.js';
import * as m0007 from './0007-request-letter.js';
import * as m0008 from './0008-notification-jobs.js';
import * as m0009 from './0009-record.js';
import * as m0010 from './0010-official-document.js';
import * as m0011 from './0011-catalog.js';
import * as m0012 from './0012-search.js';
import * as m0013 from './0013-record-attachment.js';
import * as m0014 from './0014-record-catalog-items.js';
import * as m0015 from './0015-record-repeal-amend.js';
import * as m0016 from './0016-report-figure.js';
import * as m0017 from './0017-annual-report.js';
import * as m0018 from '../../jobs/job.migration.js';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-published-report': m0002,
  '0003-calendar': m0003,
  '0004-request': m0004,
  '0005-request-events': m0005,
  '0006-appeal-handler': m0006,
  '0007-request-letter': m0007,
  '0008-notification-jobs': m0008,
  '0009-record': m0009,
  '0010-official-document': m0010,
  '0011-catalog': m0011,
  '0012-search': m0012,
  '0013-record-attachment': m0013,
  '0014-record-catalog-items': m0014,
  '0015-record-repeal-amend': m0015,
  '0016-report-figure': m0016,
  '0017-annual-report': m0017,
  '0018-job': m0018,
};
