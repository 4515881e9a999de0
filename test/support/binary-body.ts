import type request from 'supertest';

/** A supertest parser that keeps a download's bytes (a workbook), for `.buffer(true).parse(binaryBody)`. */
export const binaryBody = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
