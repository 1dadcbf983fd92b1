// Reads that run at once still report the error the first of them would have met.
import { describe, expect, it } from '@jest/globals';
import { inOrder } from '../src/io/in-order.js';

const after = <T>(ms: number, value: T): Promise<T> =>
  new Promise((resolve) => setTimeout(() => resolve(value), ms));
const failAfter = (ms: number, message: string): Promise<never> =>
  new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms));

describe('inOrder', () => {
  it('gives both results, whichever came first', async () => {
    await expect(inOrder(after(30, 'a'), after(1, 'b'))).resolves.toEqual(['a', 'b']);
  });

  it("throws the first call's error even when the second failed sooner", async () => {
    await expect(
      inOrder(failAfter(30, 'bucket is missing'), failAfter(1, 'thumbprint failed'))
    ).rejects.toThrow('bucket is missing');
  });

  it("throws the second call's error when only it fails", async () => {
    await expect(inOrder(after(1, 'a'), failAfter(10, 'provider lookup failed'))).rejects.toThrow(
      'provider lookup failed'
    );
  });

  it('leaves no unhandled rejection behind when the first fails and the second fails later', async () => {
    const unhandled: unknown[] = [];
    const note = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', note);
    try {
      await expect(inOrder(failAfter(1, 'first'), failAfter(20, 'second'))).rejects.toThrow('first');
      await after(40, undefined);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', note);
    }
  });
});
