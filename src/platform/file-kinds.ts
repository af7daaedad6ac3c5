/**
 * The kinds of document file the platform accepts from people (a record's attachments, the files
 * of a reply or a 补正): by extension, with each kind's size limit (readers on phones) and the
 * bytes a file of that kind begins with, so a renamed file is refused. Pure rules.
 */

export interface FileKind {
  label: string;
  mediaType: string;
  maxBytes: number;
  magic: (b: Uint8Array) => boolean;
}

export const MB = 1024 * 1024;
const startsWith = (b: Uint8Array, ...bytes: number[]) => bytes.every((x, i) => b[i] === x);
const zip = (b: Uint8Array) => startsWith(b, 0x50, 0x4b, 0x03, 0x04);
const jpeg: FileKind = {
  label: 'JPEG 图片',
  mediaType: 'image/jpeg',
  maxBytes: 5 * MB,
  magic: (b) => startsWith(b, 0xff, 0xd8, 0xff),
};

export const documentFileKinds: Readonly<Record<string, FileKind>> = {
  pdf: {
    label: 'PDF',
    mediaType: 'application/pdf',
    maxBytes: 20 * MB,
    magic: (b) => startsWith(b, 0x25, 0x50, 0x44, 0x46),
  },
  docx: {
    label: 'Word（DOCX）',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    maxBytes: 20 * MB,
    magic: zip,
  },
  xlsx: {
    label: 'Excel（XLSX）',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    maxBytes: 20 * MB,
    magic: zip,
  },
  png: {
    label: 'PNG 图片',
    mediaType: 'image/png',
    maxBytes: 5 * MB,
    magic: (b) => startsWith(b, 0x89, 0x50, 0x4e, 0x47),
  },
  jpg: jpeg,
  jpeg,
};
