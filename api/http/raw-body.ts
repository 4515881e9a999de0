import type { Request } from 'express';
import { problems, type Problem } from './problem';

const aborted = () => problems.invalidRequest([{ field: 'body', message: 'Tệp gửi lên bị ngắt giữa chừng', messageEn: 'The upload was interrupted' }]);

/**
 * A raw body (a document, a workbook), at most `limit` bytes. Past the limit the promise is
 * refused at once with `tooLarge()` (so the 413 is answered without waiting), while the rest of
 * the body is still read and dropped: destroying the request instead would reset the connection
 * before the answer reaches the caller.
 */
export function readBody(req: Request, limit: number, tooLarge: () => Problem): Promise<Buffer> {
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', () => reject(aborted()));
    req.once('close', () => {
      if (!req.readableEnded) reject(aborted());
    });
  });
}
