import { createServer, type Server } from 'node:http';

/** A span as OTLP/HTTP JSON carries it (ids in hex, kind as a number: 1 internal, 2 server, 3 client, 4 producer, 5 consumer). */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
  service: string;
}

interface ExportRequest {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: Omit<OtlpSpan, 'service'>[] }[];
  }[];
}

/** The collector's side of OTLP/HTTP with JSON bodies (`POST /v1/traces`), keeping every span it is sent. */
export class OtlpReceiver {
  readonly spans: OtlpSpan[] = [];
  private readonly server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += String(chunk)));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') return void response.writeHead(404).end();
      const exported = JSON.parse(body) as ExportRequest;
      for (const resourceSpans of exported.resourceSpans ?? []) {
        const service = resourceSpans.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
        for (const scope of resourceSpans.scopeSpans ?? [])
          for (const span of scope.spans ?? []) this.spans.push({ ...span, service });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
