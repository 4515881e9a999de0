import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { findFreePort } from '../../infra/ports';

export interface ReceivedCall {
  method: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as received: signatures are verified over it. */
  body: string;
  /** The body parsed as JSON, or null when it is not JSON. */
  json: unknown;
}

export interface WebhookSink {
  url: string;
  requests: ReceivedCall[];
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedCall[]>;
  close(): Promise<void>;
}

/**
 * A real HTTP receiver on a free loopback port. `respondWith(n)` picks the status of the n-th
 * call (1-based; 204 when absent), a 3xx with a Location back to the sink; `respondAfterMs` holds
 * every answer back, for timeouts.
 */
export async function startWebhookSink(
  options: { respondWith?: (n: number) => number; respondAfterMs?: number } = {},
): Promise<WebhookSink> {
  const requests: ReceivedCall[] = [];
  const pendingAnswers = new Set<NodeJS.Timeout>();
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
      requests.push({ method: req.method ?? '', headers: req.headers, body, json });
      const status = options.respondWith?.(requests.length) ?? 204;
      const answer = () => {
        res.statusCode = status;
        // A client that followed redirects would come back here, and show up as one more call.
        if (status >= 300 && status < 400) res.setHeader('Location', '/hooks/moved');
        res.end();
      };
      if (!options.respondAfterMs) {
        answer();
        return;
      }
      const timer = setTimeout(() => {
        pendingAnswers.delete(timer);
        answer();
      }, options.respondAfterMs);
      pendingAnswers.add(timer);
    });
  });
  const port = await findFreePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
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
        for (const timer of pendingAnswers) clearTimeout(timer);
        pendingAnswers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
