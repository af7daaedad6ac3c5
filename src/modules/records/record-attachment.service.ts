import { createHash } from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { documentFileKinds, MB, type FileKind } from '../../platform/file-kinds.js';
import { isId, newId } from '../../platform/ids.js';
import { FileRefused, ReaderFailed, sandboxed, sibling } from '../../platform/sandbox/index.js';
import { agencies } from '../agencies/index.js';
import { stepStates, type RecordState } from './record.js';
import * as attachmentRepo from './record-attachment.repository.js';
import type { AttachmentInfo } from './record-attachment.repository.js';
import { assertCan, can } from './record.policy.js';
import * as repo from './record.repository.js';
import type { RecordAttachmentTable } from './record.tables.js';

/**
 * Attachments of a record: the files people actually open (the 正式文件 as PDF, a DOCX, the
 * XLSX of a list, scanned images). Only while the record is a draft, so everything published
 * has passed 保密审查 with its attachments.
 */

/** What may be attached: the platform's document kinds, with their size limits. */
export const attachmentKinds = documentFileKinds;

/** The most files one record may have. */
export const attachmentsPerRecord = 20;
const perRecord = attachmentsPerRecord;

function kindOf(fileName: string): [string, FileKind] {
  const ext = fileName.split('.').at(-1)?.toLowerCase() ?? '';
  const kind = attachmentKinds[ext];
  if (!kind)
    throw ValidationError.one(
      'file',
      `不能上传“${fileName}”：只接受 PDF、DOCX、XLSX、PNG、JPG 文件（旧版 DOC/XLS 请另存为 DOCX/XLSX）`,
    );
  return [ext, kind];
}

/** The file's own name, without any folder a browser sent along, at most 120 characters. */
function cleanName(name: string): string {
  const base = [...name.split(/[\\/]/).at(-1)!]
    .filter((c) => c.charCodeAt(0) >= 0x20)
    .join('')
    .trim();
  return base.length > 120 ? `${base.slice(0, 100)}….${base.split('.').at(-1)}` : base;
}

const textReader = sibling(import.meta.url, './record-attachment.text');

/**
 * The file's text for search, read in a reader thread (platform/sandbox) within the limits. A
 * file over a limit (a ZIP bomb, a file that takes too long or too much memory) is refused with
 * the limit named; a damaged one still attaches, only not searchable by its content.
 */
async function searchableText(ext: string, name: string, bytes: Uint8Array): Promise<string | null> {
  try {
    return await sandboxed<string | null>(textReader, 'attachmentText', [ext, bytes]);
  } catch (e) {
    if (e instanceof FileRefused) throw ValidationError.one('file', `“${name}”：${e.message}`);
    if (e instanceof ReaderFailed) return null;
    throw e;
  }
}

async function loadDraft(ctx: Ctx, recordId: string) {
  const row = isId(recordId) ? await repo.findById(ctx.db, recordId) : undefined;
  if (!row) throw new NotFoundError('未找到该政府信息');
  assertCan(ctx.actor, 'attach', { path: await agencies.pathOf(ctx, row.agency_id) });
  if (!stepStates.attach.includes(row.state as RecordState))
    throw new ConflictError('附件只能在草稿或退回修改时增删，以便随正文一并保密审查');
  return row;
}

export type { AttachmentInfo };

/**
 * What is wrong with a file as an attachment, before any record is looked at: its name, kind,
 * size and first bytes (the API checks every file of a request before it stores anything).
 * Returns the cleaned name and extension; throws ValidationError on field `file`.
 */
export function checkFile(file: { name: string; bytes: Uint8Array }): { name: string; ext: string } {
  const name = cleanName(file.name);
  if (!name) throw ValidationError.one('file', '请选择要上传的文件');
  const [ext, kind] = kindOf(name);
  if (file.bytes.length === 0) throw ValidationError.one('file', `“${name}”是空文件`);
  if (file.bytes.length > kind.maxBytes)
    throw ValidationError.one(
      'file',
      `“${name}”有 ${(file.bytes.length / MB).toFixed(1)} MB，${kind.label}附件不能超过 ${kind.maxBytes / MB} MB`,
    );
  if (!kind.magic(file.bytes))
    throw ValidationError.one('file', `“${name}”的内容不是${kind.label}文件（可能改过扩展名或已损坏）`);
  return { name, ext };
}

export async function add(
  ctx: Ctx,
  recordId: string,
  file: { name: string; bytes: Uint8Array },
): Promise<AttachmentInfo> {
  const { name, ext } = checkFile(file);
  const kind = attachmentKinds[ext]!;
  // Who may attach, and to what, is known before a byte of the file is parsed.
  await loadDraft(ctx, recordId);
  const text = await searchableText(ext, name, file.bytes);
  return inTransaction(ctx, async (ctx) => {
    const row = await loadDraft(ctx, recordId);
    const existing = await attachmentRepo.countAndLast(ctx.db, row.id);
    if (existing.count >= perRecord) throw ValidationError.one('file', `每条信息最多 ${perRecord} 个附件`);
    const attachment: RecordAttachmentTable = {
      id: newId(),
      record_id: row.id,
      position: existing.last + 1,
      file_name: name,
      media_type: kind.mediaType,
      byte_size: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      content: Buffer.from(file.bytes),
      text,
      created_by: ctx.actor.id,
      created_at: ctx.clock.now().toISOString(),
    };
    await attachmentRepo.insert(ctx.db, attachment);
    await recordAudit(ctx, {
      action: 'record.attachmentAdded',
      subjectType: 'record',
      subjectId: row.id,
      agencyId: row.agency_id,
      after: { fileName: name, bytes: attachment.byte_size, sha256: attachment.sha256 },
    });
    return attachmentRepo.infoOf(attachment);
  });
}

export async function remove(ctx: Ctx, recordId: string, attachmentId: string): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const row = await loadDraft(ctx, recordId);
    const gone = isId(attachmentId) ? await attachmentRepo.remove(ctx.db, row.id, attachmentId) : null;
    if (gone === null) throw new NotFoundError('未找到该附件');
    await recordAudit(ctx, {
      action: 'record.attachmentRemoved',
      subjectType: 'record',
      subjectId: row.id,
      agencyId: row.agency_id,
      before: { fileName: gone },
    });
  });
}

/** The attachments of a record, in order, without their bytes. */
export async function list(ctx: Ctx, recordId: string): Promise<AttachmentInfo[]> {
  return attachmentRepo.listOf(ctx.db, recordId);
}

/**
 * One attachment's bytes: for anyone when its record is published, otherwise for staff who may
 * see the record.
 */
export async function download(
  ctx: Ctx,
  attachmentId: string,
): Promise<{ fileName: string; mediaType: string; content: Uint8Array }> {
  const a = isId(attachmentId) ? await attachmentRepo.withRecord(ctx.db, attachmentId) : undefined;
  if (!a) throw new NotFoundError('未找到该附件');
  // An unpublished record's file does not exist for those who may not read the record.
  if (a.state !== 'published' && !can(ctx.actor, 'read', { path: await agencies.pathOf(ctx, a.agency_id) }))
    throw new NotFoundError('未找到该附件');
  return { fileName: a.file_name, mediaType: a.media_type, content: a.content };
}
