import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A cookie-keeping client over `app.inject`, for HTTP tests without a browser. `headers` go with
 * every request (e.g. a forged Host).
 */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  private header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private sent(headers: Record<string, string>): Record<string, string> {
    return { ...this.headers, cookie: this.header(), ...headers };
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: this.sent({}) }));
  }

  async post(
    url: string,
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams(form).toString(),
        headers: this.sent({ 'content-type': 'application/x-www-form-urlencoded', ...headers }),
      }),
    );
  }

  async json(
    method: 'POST' | 'PATCH',
    url: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.app.inject({
        method,
        url,
        payload: JSON.stringify(body),
        headers: this.sent({ 'content-type': 'application/json', ...headers }),
      }),
    );
  }

  /** A multipart form post, as a browser sends a form with a file field. */
  async upload(
    url: string,
    fields: Record<string, string>,
    file: { field: string; name: string; type: string; bytes: Uint8Array },
  ): Promise<LightMyRequestResponse> {
    const boundary = `----gongkai${Date.now().toString(16)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(fields))
      parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: Buffer.concat(parts),
        headers: this.sent({ 'content-type': `multipart/form-data; boundary=${boundary}` }),
      }),
    );
  }

  /** The CSRF token of the first form on a page. */
  static csrfOf(html: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error('no CSRF token on the page');
    return m[1]!;
  }

  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    const page = await this.get('/admin/login');
    return this.post('/admin/login', { _csrf: Client.csrfOf(page.body), username, password });
  }
}
