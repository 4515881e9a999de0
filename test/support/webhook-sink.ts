import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { findFreePort } from '../../infra/ports';

export interface ReceivedCall {
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

export interface WebhookSink {
  url: string;
  requests: ReceivedCall[];
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedCall[]>;
  close(): Promise<void>;
}

/** A real HTTP receiver on a free loopback port; `respondWith(n)` picks the status of the n-th call (1-based). */
export async function startWebhookSink(
  options: { respondWith?: (n: number) => number } = {},
): Promise<WebhookSink> {
  const requests: ReceivedCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      requests.push({ headers: req.headers, body, json });
      res.statusCode = options.respondWith?.(requests.length) ?? 204;
      res.end();
    });
  });
  const port = await findFreePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    async waitFor(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline)
          throw new Error(`webhook sink: ${requests.length} of ${count} calls after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
