import { ValidationError } from '../../platform/errors.js';
import { documentFileKinds, MB } from '../../platform/file-kinds.js';

/**
 * Files a case carries: the 电子文档 an agency sends with its reply and the files an applicant
 * sends with a 补正: the platform's document kinds (platform/file-kinds.ts), at most five a step.
 */

/** What may be sent: the platform's document kinds (PDF, DOCX, XLSX, PNG, JPG). */
export const requestFileKinds = documentFileKinds;

/** At most this many files with one reply or one 补正. */
export const FILES_PER_STEP = 5;
export const FILE_HINT = 'PDF、DOCX、XLSX 不超过 20 MB，PNG、JPG 图片不超过 5 MB，每次最多 5 个文件';
export const FILE_ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** The file's own name, without any folder a browser sent along, at most 120 characters. */
function cleanName(name: string): string {
  const base = [...(name.split(/[\\/]/).at(-1) ?? '')]
    .filter((c) => c.charCodeAt(0) >= 0x20)
    .join('')
    .trim();
  return base.length > 120 ? `${base.slice(0, 100)}….${base.split('.').at(-1)}` : base;
}

/**
 * The files of a form, checked: kind by extension and content, size, count. Empty file inputs
 * (the browser sends one with no name when nothing was chosen) are dropped. `field` names the
 * form field in the error.
 */
export function checkFiles(
  files: readonly UploadedFile[],
  field: string,
): Array<UploadedFile & { mediaType: string }> {
  const chosen = files.filter((f) => f.name.trim() !== '' || f.bytes.length > 0);
  if (chosen.length > FILES_PER_STEP)
    throw ValidationError.one(field, `每次最多上传 ${FILES_PER_STEP} 个文件`);
  return chosen.map((f) => {
    const name = cleanName(f.name);
    if (!name) throw ValidationError.one(field, '上传的文件没有文件名');
    const ext = name.split('.').at(-1)?.toLowerCase() ?? '';
    const kind = name.includes('.') ? requestFileKinds[ext] : undefined;
    if (!kind)
      throw ValidationError.one(
        field,
        `不能上传“${name}”：只接受 PDF、DOCX、XLSX、PNG、JPG 文件（旧版 DOC/XLS 请另存为 DOCX/XLSX）`,
      );
    if (f.bytes.length === 0) throw ValidationError.one(field, `“${name}”是空文件`);
    if (f.bytes.length > kind.maxBytes)
      throw ValidationError.one(
        field,
        `“${name}”有 ${(f.bytes.length / MB).toFixed(1)} MB，${kind.label}文件不能超过 ${kind.maxBytes / MB} MB`,
      );
    if (!kind.magic(f.bytes))
      throw ValidationError.one(field, `“${name}”的内容不是${kind.label}文件（可能改过扩展名或已损坏）`);
    return { name, bytes: f.bytes, mediaType: kind.mediaType };
  });
}

/** Files as a multipart form hands them over (one, many, or none), as UploadedFile. */
export function uploadedFiles(value: unknown): UploadedFile[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list
    .filter((v): v is { filename?: string; bytes?: Uint8Array } => typeof v === 'object' && v !== null)
    .map((v) => ({ name: v.filename ?? '', bytes: v.bytes ?? new Uint8Array() }));
}
