/** A browser reduced to what a sign-in needs: a cookie jar (one host, 127.0.0.1) and redirects followed by hand. */
export class UserAgent {
  readonly cookies = new Map<string, string>();
  readonly visited: string[] = [];

  async request(url: string, init: { method?: string; form?: Record<string, string>; json?: unknown } = {}) {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(url, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      const expired = attributes.some(
        (a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()),
      );
      if (expired || value === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    this.visited.push(url);
    return response;
  }

  /** Follows redirects from `url` until a page answers or `stop` says the next URL is to be handled by the test. */
  async follow(url: string, stop: (next: URL) => boolean = () => false): Promise<{ url: URL; response: Response }> {
    let current = new URL(url);
    for (let hops = 0; hops < 20; hops++) {
      const response = await this.request(current.href);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      const next = new URL(location, current);
      if (stop(next)) return { url: next, response };
      current = next;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
