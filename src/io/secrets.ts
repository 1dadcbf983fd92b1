/**
 * Masking for the runner's log. GitHub masks a registered value wherever it appears, but a multi-line
 * secret is only caught whole; a single line of it printed by a tool (terraform, kubectl, an error
 * message) would leak. So the whole value and every secret-bearing line and value are registered.
 */
export type Masker = (secret: string) => void;

// Keys whose values are secrets in kubeconfig and talosconfig files (tokens, keys, certificates).
const SECRET_KEY = /(token|key|secret|password|passwd|cert|crt|\bca\b|-data|credential)/i;
// Values shorter than this are too common to mask without blanking half the log.
const MIN_MASK_LENGTH = 6;

export function secretFragments(value: string): string[] {
  const fragments = new Set<string>();
  const whole = value.trim();
  if (whole.length >= MIN_MASK_LENGTH) fragments.add(whole);
  if (!value.includes('\n')) return [...fragments];
  for (const rawLine of value.split(/\r?\n/)) {
    const line = rawLine.trim();
    const match = /^-?\s*"?([\w.-]+)"?\s*[:=]\s*(.+)$/.exec(line);
    if (match && SECRET_KEY.test(match[1] ?? '')) {
      const secretValue = (match[2] ?? '').replace(/^["']|["']$/g, '').trim();
      if (secretValue.length >= MIN_MASK_LENGTH) fragments.add(secretValue);
      fragments.add(line);
    } else if (/^[A-Za-z0-9+/=_-]{24,}$/.test(line)) {
      // A bare long base64 line: a PEM body or a wrapped token.
      fragments.add(line);
    }
  }
  return [...fragments];
}

export function maskSecret(value: string, mask: Masker): void {
  for (const fragment of secretFragments(value)) mask(fragment);
}
