/** JSON over fetch, answering status and parsed body. */
export async function postJson(
  url: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; body: any; contentType: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
    contentType: response.headers.get('content-type') ?? '',
  };
}
