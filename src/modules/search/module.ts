import type { GongkaiModule } from '../../platform/module.js';
import * as searchTables from './migrations/0012-search.js';
import * as searchAtScale from './migrations/0026-search-at-scale.js';
import * as searchSample from './migrations/0030-search-sample.js';
import * as searchLz4 from './migrations/0032-search-lz4.js';
import * as searchTitlePieces from './migrations/0044-search-title-pieces.js';

/** Chinese full-text search: the index of published records, an engine per database. */
export const searchModule: GongkaiModule = {
  name: 'search',
  label: '全文检索',
  tables: {
    search_doc: { notBackedUp: '检索索引是派生数据：恢复后由已发布的政府信息重建', derived: true },
    search_state: { notBackedUp: '检索索引的版本号与记录数，随索引更新', derived: true },
    search_sample: { notBackedUp: '检索索引的样本（估算常用词的命中数），由 search_doc 重建', derived: true },
  },
  rawTables: {
    // SQLite's FTS5 tables of the index (PostgreSQL keeps the index in search_doc's columns).
    search_word: { notBackedUp: '检索索引（SQLite 全文检索表），由 search_doc 重建' },
    search_trigram: { notBackedUp: '检索索引（SQLite 三元组表），由 search_doc 重建' },
    search_title: { notBackedUp: '检索索引（SQLite 标题字词表），由 search_doc 重建' },
  },
  migrations: {
    '0012-search': searchTables,
    '0026-search-at-scale': searchAtScale,
    '0030-search-sample': searchSample,
    '0032-search-lz4': searchLz4,
    '0044-search-title-pieces': searchTitlePieces,
  },
};
