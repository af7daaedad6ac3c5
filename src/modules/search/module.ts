import type { GongkaiModule } from '../../platform/module.js';
import * as searchTables from './migrations/0012-search.js';

/** Chinese full-text search: the index of published records, an engine per database. */
export const searchModule: GongkaiModule = {
  name: 'search',
  label: '全文检索',
  tables: {
    search_doc: { notBackedUp: '检索索引是派生数据：恢复后由已发布的政府信息重建' },
  },
  migrations: { '0012-search': searchTables },
};
