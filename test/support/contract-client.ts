import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type Json = Record<string, any>;

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: any;
}

const pointer = (...segments: string[]) =>
  segments.map((segment) => '/' + segment.replace(/~/g, '~0').replace(/\//g, '~1')).join('');

/**
 * Every e2e HTTP call of the analyst views goes through this client: it answers status, media type and
 * body, and checks each answer (JSON, problem details, CSV) against the OpenAPI document the app serves
 * at /docs/openapi.json — the operation's documented status, media type and schema — failing on any
 * difference.
 */
export class ContractClient {
  checked = 0;

  private constructor(
    private readonly url: string,
    private readonly document: Json,
    private readonly ajv: Ajv2020,
  ) {}

  static async connect(url: string): Promise<ContractClient> {
    const document = (await (await fetch(`${url}/docs/openapi.json`)).json()) as Json;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(document, 'openapi');
    return new ContractClient(url, document, ajv);
  }

  async get(path: string, token: string, accept?: string): Promise<Answer> {
    const response = await fetch(`${this.url}${path}`, {
      headers: { authorization: `Bearer ${token}`, ...(accept ? { accept } : {}) },
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const answer = { status: response.status, contentType, text, body: contentType.includes('json') ? JSON.parse(text) : text };
    this.check('get', new URL(path, this.url).pathname, answer);
    return answer;
  }

  private check(method: string, pathname: string, answer: Answer): void {
    const template = Object.keys(this.document.paths).find((candidate) =>
      new RegExp(`^${candidate.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathname),
    );
    if (template === undefined) throw new Error(`${pathname} is not in the OpenAPI document`);
    let at = pointer('paths', template, method, 'responses', String(answer.status));
    let response = this.resolve(at);
    if (response === undefined) throw new Error(`${method.toUpperCase()} ${template} does not document status ${answer.status}`);
    if (response.$ref !== undefined) {
      at = (response.$ref as string).slice(1);
      response = this.resolve(at)!;
    }
    const mediaType = answer.contentType.split(';')[0]!.trim();
    if (response.content?.[mediaType] === undefined)
      throw new Error(`${method.toUpperCase()} ${template} ${answer.status} is not documented as ${mediaType}`);
    const schemaAt = `${at}${pointer('content', mediaType, 'schema')}`;
    if (!this.ajv.validate({ $ref: `openapi#${schemaAt}` }, answer.body)) {
      const errors = (this.ajv.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
      throw new Error(
        `${method.toUpperCase()} ${pathname} ${answer.status} does not match the OpenAPI document: ${errors.join('; ')}`,
      );
    }
    this.checked += 1;
  }

  private resolve(at: string): Json | undefined {
    return at
      .split('/')
      .slice(1)
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<any>((node, segment) => node?.[segment], this.document);
  }
}
