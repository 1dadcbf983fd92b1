import type { Masker } from './secrets.js';

// Shortest text of a secret's base64 form worth hiding: below it a run of base64 letters in prose
// (a digest, an ARN's id) would be taken for a secret.
const MIN_BASE64_FORM = 6;

/**
 * The base64 text that a secret's bytes alone decide, wherever it starts in the encoded text: at a
 * byte offset of 0, 1 or 2 within a 3-byte group (base64 of "user:SECRET" holds the second), in the
 * standard and the URL-safe alphabets. The letters that share bits with the bytes around it are left
 * out. GitHub's log masker hides a registered value's base64 forms the same way.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms: string[] = [];
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const form = encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
    if (form.length >= MIN_BASE64_FORM) forms.push(form, form.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

/**
 * A secret as text bound for GitHub may hold it: as is, JSON-escaped, URL-encoded (a token in an
 * error's URL), base64-encoded, and as the job summary writes it in a table cell or Markdown (HTML
 * characters as entities, '|' escaped, line breaks as <br>, a backtick in a code span as ').
 */
export function redactionForms(secret: string): string[] {
  const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const forms = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    html,
    secret.replace(/`/g, "'"),
    ...[secret, html].map((text) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')),
    ...base64Forms(secret)
  ];
  return forms.filter((form) => form !== '');
}

/**
 * Replaces every masked fragment, in each form redactionForms gives, longest first, with `***`, as the
 * runner shows it in the log: for text bound for GitHub outside the log, where the runner's masking does
 * not reach (a step output, a PR comment) or reaches only the forms its masker knows (the job summary).
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  const forms = new Set<string>();
  for (const secret of secrets) if (secret !== '') for (const form of redactionForms(secret)) forms.add(form);
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  let result = text;
  for (const form of ordered) if (result.includes(form)) result = result.split(form).join('***');
  return result;
}

/** A masker and the redaction of what it masked: an ActionContext is one. */
export interface Masking {
  mask: Masker;
  /**
   * The text with every value masked so far replaced as redactSecrets does: for text quoted from a
   * cluster or AWS that is cut short before it leaves the run, since a cut may split a value that
   * the runner and the entry then recognise neither whole nor in part. Redact first, then cut.
   */
  redact(text: string): string;
}

/** What the run masked, and text redacted of it: the one list the entry keeps (src/io/entry.ts). */
export interface MaskedValues extends Masking {
  /** Every value masked so far, in order. */
  readonly masked: readonly string[];
}

/** A masker that also keeps what it masked: the entry's, and a test harness's (test/harness/context.ts). */
export function maskedValues(mask: Masker): MaskedValues {
  const masked: string[] = [];
  return {
    masked,
    mask: (secret) => {
      masked.push(secret);
      mask(secret);
    },
    redact: (text) => redactSecrets(text, masked)
  };
}
