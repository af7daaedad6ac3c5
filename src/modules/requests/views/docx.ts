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
