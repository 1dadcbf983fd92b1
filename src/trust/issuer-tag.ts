// The talos-irsa/issuer tag's value. IAM takes a tag value of at most 256 characters, of letters,
// digits, spaces and _ . : / = + - @ only; an issuer URL may hold others (~, %, ! ...), and IAM
// would refuse the role's CreateRole or TagRole. The issuer is fixed by its provider and the tag is
// only compared by this action (and read by people), so it is stored in a form IAM takes.
import { createHash } from 'node:crypto';

export const TAG_VALUE_LIMIT = 256;

// IAM's tag value characters, less '=', which starts an escape.
const PLAIN = /[\p{L}\p{Z}\p{N}_.:/+\-@]/u;
const DIGEST_LENGTH = 16;
const CUT = '...';

/**
 * Each character IAM does not take, and '=' itself, becomes =XX per UTF-8 byte (as in
 * quoted-printable), so an issuer of plain characters reads as itself. A value still too long is cut
 * and ends with '...' and a digest of the whole issuer, so that two issuers never share a value.
 */
export function issuerTagValue(issuer: string): string {
  const escaped = [...issuer].map((char) =>
    PLAIN.test(char)
      ? char
      : [...Buffer.from(char, 'utf8')]
          .map((byte) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`)
          .join('')
  );
  const whole = escaped.join('');
  if (whole.length <= TAG_VALUE_LIMIT) return whole;
  const room = TAG_VALUE_LIMIT - CUT.length - DIGEST_LENGTH;
  let kept = '';
  // Whole characters only, so that no =XX escape is split.
  for (const piece of escaped) {
    if (kept.length + piece.length > room) break;
    kept += piece;
  }
  const digest = createHash('sha256').update(issuer).digest('hex').slice(0, DIGEST_LENGTH);
  return `${kept}${CUT}${digest}`;
}

/**
 * The issuer a tag value names, for people to read. A value written before issuers were escaped
 * holds the issuer as it was, and an '=' not followed by two hex digits reads as itself.
 */
export function issuerOfTag(value: string): string {
  const bytes: number[] = [];
  let text = '';
  const flush = (): void => {
    if (bytes.length === 0) return;
    text += Buffer.from(bytes).toString('utf8');
    bytes.length = 0;
  };
  for (let at = 0; at < value.length;) {
    const escape = /^=([0-9A-F]{2})/.exec(value.slice(at, at + 3));
    if (escape?.[1]) {
      bytes.push(Number.parseInt(escape[1], 16));
      at += 3;
      continue;
    }
    flush();
    const char = String.fromCodePoint(value.codePointAt(at) ?? 0);
    text += char;
    at += char.length;
  }
  flush();
  return text;
}

/** Whether a role's tag value names the same issuer as the one this run writes. */
export function sameIssuerTag(current: string, written: string): boolean {
  return current === written || issuerOfTag(current) === issuerOfTag(written);
}
