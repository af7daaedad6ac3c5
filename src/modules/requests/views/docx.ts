import type { FastifyReply } from 'fastify';

/** Sends a letter as a Word download, named by its title. */
export function sendDocx(reply: FastifyReply, title: string, bytes: Buffer) {
  return reply
    .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    .header(
      'content-disposition',
      `attachment; filename="letter.docx"; filename*=UTF-8''${encodeURIComponent(`${title}.docx`)}`,
    )
    .send(bytes);
}

/** Sends a file of a case as a download, named by its own name. */
export function sendFile(
  reply: FastifyReply,
  f: { fileName: string; mediaType: string; content: Uint8Array },
) {
  return reply
    .type(f.mediaType)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-disposition',
      `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
    )
    .send(Buffer.from(f.content));
}
