import https from 'node:https';

export interface PublicResponse {
  status: number;
  body: Buffer;
}

export interface PublicReadOptions {
  timeoutMs?: number;
  ca?: string[];
}

/**
 * An anonymous GET, exactly as STS fetches the documents: plain https, no AWS signature, no
 * credentials of any kind.
 */
export async function anonymousGet(url: string, options: PublicReadOptions = {}): Promise<PublicResponse> {
  const timeoutMs = options.timeoutMs ?? 10000;
  return new Promise<PublicResponse>((resolve, reject) => {
    const request = https.get(
      url,
      { timeout: timeoutMs, agent: false, ...(options.ca ? { ca: options.ca } : {}) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      }
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on('error', reject);
  });
}
