/** What the checker's form and API take: a report as an uploaded file, or its text pasted. */

/** A file field arrives as { filename, bytes } (see the multipart setup), pasted text as a string. */
export function uploaded(body: Record<string, unknown>): { name: string; bytes: Uint8Array } {
  const file = body.file as { filename?: string; bytes?: Buffer } | undefined;
  const pasted = typeof body.text === 'string' ? body.text : '';
  if (file?.bytes && file.bytes.length > 0) return { name: file.filename || '上传的文件', bytes: file.bytes };
  return {
    name: typeof body.name === 'string' && body.name.trim() ? body.name : '粘贴的文本.txt',
    bytes: Buffer.from(pasted, 'utf8'),
  };
}
