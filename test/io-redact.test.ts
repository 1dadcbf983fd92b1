// redactSecrets hides a masked value in the forms GitHub's log masker hides it (JSON-escaped,
// URL-encoded, base64 at any byte offset) and as the job summary's Markdown writes it: for the PR
// comment and the step outputs, which no one else masks, and the summary's table cells.
import { describe, expect, it } from '@jest/globals';
import { redactSecrets } from '../src/io/redact.js';
import { table } from '../src/io/summary.js';

// A password as a person picks one: quotes, a backslash, '&', '<', '|', a space and a line break.
const SECRET = 'pa"ss\\word & <b>|x y\nsecond line';

describe('redactSecrets', () => {
  it.each([
    ['as is', SECRET],
    ['JSON-escaped (a JSON body or terraform -json)', JSON.stringify(SECRET).slice(1, -1)],
    ['URL-encoded (a query string in an error)', encodeURIComponent(SECRET)],
    ['base64-encoded', Buffer.from(SECRET).toString('base64')],
    ['base64 one byte into a larger text', Buffer.from(`u${SECRET}`).toString('base64')],
    ['base64 two bytes into a larger text', Buffer.from(`us${SECRET}`).toString('base64')],
    ['base64url', Buffer.from(SECRET).toString('base64url')]
  ])('hides it %s', (_how, text) => {
    const redacted = redactSecrets(`before ${text} after`, [SECRET]);
    // Left of it at most the base64 letters that share bits with the text around it, and padding.
    expect(redacted).toMatch(/^before [A-Za-z0-9+/=_-]{0,3}\*\*\*[A-Za-z0-9+/=_-]{0,3} after$/);
  });

  it('hides it in a summary table cell, where it is written with HTML entities, \\| and <br>', () => {
    expect(redactSecrets(table(['Error'], [[`refused: ${SECRET}`]]), [SECRET])).toBe(
      table(['Error'], [['refused: ***']])
    );
  });

  it('leaves text without the secret as it is', () => {
    const text = 'arn:aws:iam::123456789012:role/app answered HTTP 403: AccessDenied';
    expect(redactSecrets(text, [SECRET, 'another-secret-value'])).toBe(text);
  });
});
