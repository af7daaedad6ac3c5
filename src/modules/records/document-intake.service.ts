import { inTransaction, type Ctx } from '../../platform/context.js';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/errors.js';
import { agencies } from '../agencies/index.js';
import { recordStateLabels, type RecordState } from './record.js';
import * as documents from './official-document.service.js';
import type { DisclosureAttribute } from './official-document.service.js';
import * as attachments from './record-attachment.service.js';
import { createDraft, submitForReview } from './record-workflow.service.js';
import * as recordRepo from './record.repository.js';
import { draftSchema } from './record.schemas.js';

/**
 * 公文 registered by the OA system (POST /api/v1/documents): the 公开属性 fixed at source, and for
 * a 主动公开 document, in the same call, the record that will publish it — drafted from the
 * document and the `record` fields, with its files, linked to the document and sent to 保密审查.
 * Everything is checked before anything is stored, and stored in one transaction: a request
 * that fails leaves neither a document nor a half-made record behind.
 */

/** The record fields a 主动公开 document may bring (the draft form's, less what the document gives). */
export const recordKeys = [
  'subjectCategory',
  'genre',
  'summary',
  'body',
  'keywords',
  'validity',
  'dateFormedOrChanged',
  'interprets',
  'repeals',
  'amends',
  'catalogItemId',
] as const;

/** The body of a record whose text is its attached files. */
const BODY_IN_FILES = '详见附件。';
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

export interface RegisteredDocument {
  id: string;
  disclosureAttribute: DisclosureAttribute;
  record: { id: string; state: RecordState; indexNumber: string | null } | null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A draft field as the request names it: under `record` unless the document gave it. */
const fromRecord = (f: string) => ((recordKeys as readonly string[]).includes(f) ? `record.${f}` : f);

/** The problems of a ValidationError (or rethrows anything else), with their fields renamed. */
function problemsOf(e: unknown, rename: (field: string) => string): FieldError[] {
  if (!(e instanceof ValidationError)) throw e;
  return e.fields.map((f) => ({ field: rename(f.field), message: f.message }));
}

function collect<T>(problems: FieldError[], rename: (field: string) => string, run: () => T): T | null {
  try {
    return run();
  } catch (e) {
    problems.push(...problemsOf(e, rename));
    return null;
  }
}

/** The files of `attachments`, decoded and checked (name, kind, size, content) before anything is stored. */
function readFiles(raw: unknown, problems: FieldError[]): Array<{ name: string; bytes: Uint8Array }> {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.push({
      field: 'attachments',
      message: 'attachments（附件）应为数组：[{filename, contentBase64}]',
    });
    return [];
  }
  if (raw.length > attachments.attachmentsPerRecord)
    problems.push({
      field: 'attachments',
      message: `每条信息最多 ${attachments.attachmentsPerRecord} 个附件，本次有 ${raw.length} 个`,
    });
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  raw.forEach((item: unknown, i) => {
    const at = `attachments[${i}]`;
    const nth = `第 ${i + 1} 个附件`;
    if (!isObject(item) || typeof item.filename !== 'string' || typeof item.contentBase64 !== 'string') {
      problems.push({ field: at, message: `${nth}应为 {filename, contentBase64}，两者均为字符串` });
      return;
    }
    if (!BASE64.test(item.contentBase64)) {
      problems.push({
        field: `${at}.contentBase64`,
        message: `${nth}（${item.filename}）的内容不是有效的 Base64`,
      });
      return;
    }
    const file = { name: item.filename, bytes: new Uint8Array(Buffer.from(item.contentBase64, 'base64')) };
    const checked = collect(
      problems,
      () => at,
      () => attachments.checkFile(file),
    );
    if (checked) files.push({ name: checked.name, bytes: file.bytes });
  });
  return files;
}

/** The agency named by ID or name (the account's own when none is named); 403 for another's. */
async function agencyOf(ctx: Ctx, raw: Record<string, unknown>): Promise<string> {
  const named = raw.agencyId ?? raw.agency;
  if (named === undefined || named === null || named === '') {
    if (ctx.actor.agencyId) return ctx.actor.agencyId;
    throw ValidationError.one('agencyId', '请填写 agencyId（制发机关）');
  }
  if (typeof named !== 'string')
    throw ValidationError.one('agencyId', 'agencyId（制发机关）应为机构 ID 或名称');
  try {
    return (await agencies.resolve(ctx, named.trim())).id;
  } catch (e) {
    if (e instanceof NotFoundError) throw ValidationError.one('agencyId', `未找到制发机关“${named}”`);
    throw e;
  }
}

/** Registers a 公文 from another system; a 主动公开 one goes to 保密审查 with its record and files. */
export async function registerDocument(ctx: Ctx, raw: unknown): Promise<RegisteredDocument> {
  if (!isObject(raw)) throw ValidationError.one('body', '请求体应为 JSON 对象');
  const agencyId = await agencyOf(ctx, raw);
  const problems: FieldError[] = [];
  const docInput = {
    agencyId,
    title: raw.title,
    documentNumber: raw.documentNumber,
    writtenDate: raw.writtenDate,
    disclosureAttribute: raw.disclosureAttribute,
    withheldReason: raw.withheldReason,
    note: raw.note,
  };
  const doc = collect(
    problems,
    (f) => f,
    () => documents.checkRegistration(ctx, docInput),
  );
  const proactive = doc?.disclosureAttribute === 'proactiveDisclosure';
  const hasRecord = raw.record !== undefined && raw.record !== null;
  const files = readFiles(raw.attachments, problems);
  let draft: Record<string, unknown> | null = null;
  if (doc && !proactive && (hasRecord || files.length))
    problems.push({
      field: hasRecord ? 'record' : 'attachments',
      message: '只有主动公开的公文才附带 record 和 attachments，送保密审查后发布',
    });
  if (doc && proactive) {
    const record = hasRecord ? raw.record : {};
    if (!isObject(record)) problems.push({ field: 'record', message: 'record（政府信息）应为 JSON 对象' });
    else {
      for (const key of ['subjectCategory', 'genre'] as const)
        if (record[key] === undefined || record[key] === null || record[key] === '')
          problems.push({
            field: `record.${key}`,
            message: `主动公开的公文请填写 record.${key}（${draftSchema.shape[key].label}）`,
          });
      const noBody = record.body === undefined || record.body === null || record.body === '';
      if (noBody && files.length === 0)
        problems.push({
          field: 'record.body',
          message: '主动公开的公文请提供正文（record.body）或附件（attachments）',
        });
      draft = {
        ...Object.fromEntries(recordKeys.map((k) => [k, record[k]])),
        agencyId,
        title: doc.title,
        documentNumber: doc.documentNumber,
        writtenDate: doc.writtenDate,
        dateFormedOrChanged: record.dateFormedOrChanged ?? doc.writtenDate,
        body: noBody ? BODY_IN_FILES : record.body,
      };
      collect(problems, fromRecord, () => draftSchema.parse(draft));
    }
  }
  if (problems.length) throw new ValidationError(dedupe(problems));
  return inTransaction(ctx, async (ctx) => {
    const registered = await documents.register(ctx, docInput);
    if (!draft) return { id: registered.id, disclosureAttribute: doc!.disclosureAttribute, record: null };
    const drafted = await createDraft(ctx, draft).catch((e: unknown) => {
      throw new ValidationError(problemsOf(e, fromRecord));
    });
    for (const [i, file] of files.entries()) {
      try {
        await attachments.add(ctx, drafted.id, file);
      } catch (e) {
        throw new ValidationError(problemsOf(e, () => `attachments[${i}]`));
      }
    }
    await documents.linkRecord(ctx, registered.id, drafted.id);
    const submitted = await submitForReview(ctx, drafted.id);
    return {
      id: registered.id,
      disclosureAttribute: doc!.disclosureAttribute,
      record: { id: submitted.id, state: submitted.state as RecordState, indexNumber: null },
    };
  });
}

/** One message per field and text (the document's fields are checked twice: as such and in the draft). */
function dedupe(problems: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface DocumentStatus {
  id: string;
  agencyId: string;
  agencyName: string;
  title: string;
  documentNumber: string | null;
  writtenDate: string;
  disclosureAttribute: DisclosureAttribute;
  withheldReason: string | null;
  note: string | null;
  registeredAt: string;
  record: {
    id: string;
    state: RecordState;
    stateLabel: string;
    indexNumber: string | null;
    publishedAt: string | null;
    url: string | null;
  } | null;
}

/** What the registering system reads back: the 公文, and its record's state and 索引号 once published. */
export async function documentStatus(ctx: Ctx, id: string): Promise<DocumentStatus> {
  const doc = await documents.getDocument(ctx, id);
  const record = doc.record_id ? await recordRepo.findById(ctx.db, doc.record_id) : undefined;
  const state = record?.state as RecordState | undefined;
  return {
    id: doc.id,
    agencyId: doc.agency_id,
    agencyName: (await agencies.get(ctx, doc.agency_id)).name,
    title: doc.title,
    documentNumber: doc.document_number,
    writtenDate: doc.written_date,
    disclosureAttribute: doc.disclosure_attribute as DisclosureAttribute,
    withheldReason: doc.withheld_reason,
    note: doc.note,
    registeredAt: doc.created_at,
    record:
      record && state
        ? {
            id: record.id,
            state,
            stateLabel: recordStateLabels[state],
            indexNumber: record.index_number,
            publishedAt: record.published_at,
            url: state === 'published' ? `/records/${record.id}` : null,
          }
        : null,
  };
}
