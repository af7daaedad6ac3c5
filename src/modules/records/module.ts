import type { Ctx } from '../../platform/context.js';
import type { GongkaiModule } from '../../platform/module.js';
import { recordStateLabels, validityLabels } from './record.js';
import { disclosureAttributeLabels, withheldReasonLabels } from './official-document.service.js';
import type { RecordIdQuery } from '../search/index.js';
import * as recordTables from './migrations/0009-record.js';
import * as officialDocumentTable from './migrations/0010-official-document.js';
import * as attachmentTable from './migrations/0013-record-attachment.js';
import * as catalogItems from './migrations/0014-record-catalog-items.js';
import * as repealAmend from './migrations/0015-record-repeal-amend.js';
import * as section2Index from './migrations/0029-record-section2-index.js';
import { registerRecordAdminRoutes } from './record.admin.routes.js';
import { recordWorkbench } from './record-workbench.js';
import { registerRecordApi } from './record.api.js';
import { registerRecordCommands } from './record.cli.js';
import { registerRecordPortalRoutes } from './record.portal.routes.js';
import { publishDue } from './record-publication.service.js';
import { publishedRecordRef } from './record-public.service.js';
import { ensureSearchIndex } from './record-search.service.js';
import { section2Documents } from './record.stats.js';

/**
 * What the records module needs from the catalog without importing it (the catalog imports
 * records): the items a record may be filed under, and the domains search filters by.
 */
declare module '../../platform/module.js' {
  interface Capabilities {
    catalogItemChoices(
      ctx: Ctx,
    ): Promise<Array<{ label: string; items: Array<{ id: string; label: string }> }>>;
    searchDomains(): ReadonlyArray<{ value: string; label: string }>;
    /** The ids of the records filed under a catalog domain's items (a subquery the catalog writes). */
    recordsInDomain(domainCode: string): RecordIdQuery;
  }
  interface ModuleExtensions {
    /**
     * What later modules offer on a record's back-office page (精准推送's 推送对象), as links with a
     * line of status; the module decides whether the viewer may follow them.
     */
    recordLinks?: (
      ctx: Ctx,
      recordId: string,
    ) => Promise<Array<{ label: string; href: string; note?: string }>>;
  }
}

/** 主动公开: records with their metadata, 保密审查, publication, 有效性, attachments and search. */
export const recordsModule: GongkaiModule = {
  name: 'records',
  label: '主动公开',
  apiScopes: {
    'records:read': { label: '读取已发布的政府信息', labelEn: 'read published records', roles: [] },
    'records:write': {
      label: '推送政府信息（与归档导入同格式，直接发布）',
      labelEn: 'push records (the shape of records import; published at once)',
      roles: ['clerk'],
    },
    'documents:write': {
      label: '登记公文公开属性，主动公开的送保密审查',
      labelEn: 'register documents with their disclosure attribute; proactive ones go to review',
      roles: ['clerk'],
    },
  },
  tables: {
    record_sequence: { backup: { orderBy: 'year', key: 'agency_id' } },
    record: { backup: { orderBy: 'id' } },
    record_event: { backup: { orderBy: 'id' } },
    official_document: { backup: { orderBy: 'id' } },
    // Attachments are large: read ten at a time.
    record_attachment: { backup: { orderBy: 'id', page: 10 } },
  },
  migrations: {
    '0009-record': recordTables,
    '0010-official-document': officialDocumentTable,
    '0013-record-attachment': attachmentTable,
    '0014-record-catalog-items': catalogItems,
    '0015-record-repeal-amend': repealAmend,
    '0029-record-section2-index': section2Index,
  },
  // What the portal shows of a record: its publication, withdrawal, 有效性, files and 文号.
  publicPageActions: [
    'record.publish',
    'record.withdrawn',
    'record.validityChanged',
    'record.import',
    'record.attachmentAdded',
    'record.attachmentRemoved',
    'officialDocument.register',
  ],
  audit: {
    actions: {
      'record.draft': '起草政府信息',
      'record.submitted': '政府信息送审',
      'record.reviewPassed': '保密审查通过',
      'record.reviewReturned': '保密审查退回',
      'record.approved': '批准发布',
      'record.publish': '发布政府信息',
      'record.withdrawn': '撤回政府信息',
      'officialDocument.register': '登记公文公开属性',
      'officialDocument.linkRecord': '公文关联政府信息',
      'record.import': '迁移导入政府信息',
      'record.validityChanged': '修改有效性',
      'record.scheduled': '设定定时发布',
      'record.attachmentAdded': '上传附件',
      'record.attachmentRemoved': '删除附件',
      'record.unscheduled': '取消定时发布',
    },
    subjects: { record: '政府信息', officialDocument: '公文' },
    fields: {
      documentNumber: '文号',
      state: '状态',
      indexNumber: '索引号',
      scheduledAt: '定时发布时间',
      imported: '导入条数',
      first: '首条索引号',
      last: '末条索引号',
      validity: '有效性',
      validityDate: '有效性变更日期',
      by: '',
      fileName: '文件名',
      bytes: '大小（字节）',
      sha256: 'SHA-256 校验值',
      disclosureAttribute: '公开属性',
      withheldReason: '不予公开理由',
    },
    values: {
      state: recordStateLabels,
      validity: validityLabels,
      disclosureAttribute: disclosureAttributeLabels,
      withheldReason: withheldReasonLabels,
    },
  },
  routes: (app) => {
    registerRecordPortalRoutes(app);
    registerRecordAdminRoutes(app);
  },
  api: registerRecordApi,
  cli: registerRecordCommands,
  // One attempt: the next minute's run does the same work again.
  jobs: [{ name: 'records.publishDue', label: '定时发布到期的政府信息', run: publishDue, maxAttempts: 1 }],
  schedules: [{ job: 'records.publishDue', every: 'minute' }],
  // A reply that points the applicant to what is already published (requests, 在线查看).
  provides: (config) => ({
    publishedRecord: (ctx, ref) => publishedRecordRef(ctx, ref, config.publicUrl),
  }),
  ensureDerivedData: async (ctx) => {
    const r = await ensureSearchIndex(ctx);
    return r.rebuilt ? `已重建检索索引：${r.indexed} 条已发布信息。` : null;
  },
  // 规章 and 规范性文件 of section 二.
  workbench: recordWorkbench,
  reportContribution: {
    name: 'records',
    contribute: async (ctx, scope) => ({ proactive: await section2Documents(ctx, scope) }),
  },
};
