// The public read's second chances and its words: a busy host's stumble is asked again, a refusal is
// not, and a status is told with what the user needs to fix it.
import { describe, expect, it } from '@jest/globals';
import { retryingTransient, statusText } from '../src/net/public-read.js';

/** A get that answers (or throws) each item in turn, and what the pauses added up to. */
function scripted(answers: Array<number | Error>): {
  get: (url: string) => Promise<{ status: number }>;
  calls: () => number;
  slept: number[];
} {
  let calls = 0;
  const slept: number[] = [];
  return {
    get: async () => {
      const answer = answers[Math.min(calls, answers.length - 1)];
      calls += 1;
      if (answer instanceof Error) throw answer;
      return { status: answer ?? 0 };
    },
    calls: () => calls,
    slept
  };
}

const broken = (code: string): Error => Object.assign(new Error(`read ${code}`), { code });

describe('retryingTransient', () => {
  it('asks again after a 503, a 500, a 429 or a broken connection, with pauses', async () => {
    for (const first of [503, 500, 429, broken('ECONNRESET'), broken('EPIPE')]) {
      const host = scripted([first, 200]);
      const get = retryingTransient(host.get, async (ms) => void host.slept.push(ms));
      expect((await get('https://issuer.example/jwks')).status).toBe(200);
      expect(host.calls()).toBe(2);
      expect(host.slept).toEqual([1000]);
    }
  });

  it('gives the last answer after three tries of a host that keeps failing', async () => {
    const host = scripted([503]);
    const get = retryingTransient(host.get, async (ms) => void host.slept.push(ms));
    expect((await get('https://issuer.example/jwks')).status).toBe(503);
    expect(host.calls()).toBe(3);
    expect(host.slept).toEqual([1000, 2000]);
    const resets = scripted([broken('ECONNRESET')]);
    await expect(retryingTransient(resets.get, async () => undefined)('https://x')).rejects.toThrow(
      'read ECONNRESET'
    );
    expect(resets.calls()).toBe(3);
  });

  it('does not ask again after a refusal, a redirect, a TLS failure or a timeout', async () => {
    for (const answer of [403, 404, 301, 200]) {
      const host = scripted([answer, 200]);
      expect((await retryingTransient(host.get, async () => undefined)('https://x')).status).toBe(answer);
      expect(host.calls()).toBe(1);
    }
    for (const error of [
      broken('ERR_TLS_CERT_ALTNAME_INVALID'),
      broken('CERT_HAS_EXPIRED'),
      new Error('no whole answer within 10 s')
    ]) {
      const host = scripted([error, 200]);
      await expect(retryingTransient(host.get, async () => undefined)('https://x')).rejects.toBe(error);
      expect(host.calls()).toBe(1);
    }
  });
});

describe('statusText', () => {
  it("names S3's error code, and only when it is a plain word", () => {
    expect(
      statusText(503, '<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>')
    ).toBe('HTTP 503 (SlowDown)');
    expect(statusText(500, '<Code>SlowDown\n::error::injected\n</Code>')).toBe('HTTP 500');
    expect(statusText(502, '<html>Bad gateway</html>')).toBe('HTTP 502');
  });

  it('says where a redirect leads and that STS does not follow it', () => {
    expect(
      statusText(301, '', 'https://bucket.s3.eu-west-1.amazonaws.com/.well-known/openid-configuration')
    ).toBe(
      'HTTP 301, a redirect to https://bucket.s3.eu-west-1.amazonaws.com/.well-known/openid-configuration, which STS does not follow'
    );
    expect(statusText(307, '')).toBe('HTTP 307, a redirect, which STS does not follow');
  });
});
