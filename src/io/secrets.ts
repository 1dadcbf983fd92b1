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

// A value after "key:" (or "key="): double-quoted (JSON), single-quoted, or bare up to a space,
// comma or bracket, so that block YAML, flow YAML ({token: X}) and JSON all yield the bare secret.
const VALUE = String.raw`(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s,{}[\]"'#][^\s,{}[\]]*))`;
// The key starts where a word does and is at most 64 characters long, so that a long base64 value
// is scanned once, not once from each of its characters.
const KEYED_VALUE = new RegExp(String.raw`(?<![\w.-])["']?([\w.-]{1,64})["']?\s*[:=]\s*` + VALUE, 'g');
// An exec plugin's env entry names its variable and gives the value under "value", a key that says
// nothing about secrecy: the name decides.
const NAMED_VALUE = new RegExp(
  // No list dash between: "name: X" then the next entry's "- value: Y" (entries written value first) is
  // not X's value.
  String.raw`(?<![\w.-])["']?name["']?\s*:\s*["']?([\w.-]+)["']?\s*,?\s*["']?value["']?\s*:\s*` + VALUE,
  'g'
);

// The same entry with its value first: YAML and JSON give a mapping's keys in any order.
const VALUE_BEFORE_NAME = new RegExp(
  String.raw`(?<![\w.-])["']?value["']?\s*:\s*` +
    VALUE +
    String.raw`\s*,?\s*["']?name["']?\s*:\s*["']?([\w.-]+)`,
  'g'
);
// An exec plugin's argument after a flag that names a secret (--client-secret X, "--token", "X"): the
// flag and its value are separate list items, so neither reads as key: value. --flag=value does.
// A flag's name starts right after its dashes, so a block list's "- " is not taken for one.
const FLAG_THEN_VALUE = new RegExp(String.raw`(?<![\w.=-])["']?(--?\w[\w-]*)["']?\s*,?\s*-?\s*` + VALUE, 'g');

/** The value as the text holds it and, for a JSON string with escapes, as it reads unescaped. */
function asWrittenAndMeant(match: RegExpMatchArray, first = 2): string[] {
  const [doubleQuoted, singleQuoted, bare] = match.slice(first, first + 3);
  if (doubleQuoted === undefined) return [singleQuoted?.replace(/''/g, "'") ?? bare ?? ''];
  try {
    return [doubleQuoted, JSON.parse(`"${doubleQuoted}"`) as string];
  } catch {
    return [doubleQuoted];
  }
}

function keyedSecrets(value: string): string[] {
  const found: string[] = [];
  for (const pattern of [KEYED_VALUE, NAMED_VALUE, FLAG_THEN_VALUE])
    for (const match of value.matchAll(pattern))
      if (SECRET_KEY.test(match[1] ?? '')) found.push(...asWrittenAndMeant(match));
  for (const match of value.matchAll(VALUE_BEFORE_NAME))
    if (SECRET_KEY.test(match[4] ?? '')) found.push(...asWrittenAndMeant(match, 1));
  return found.filter((secret) => secret.length >= MIN_MASK_LENGTH);
}

export function secretFragments(value: string): string[] {
  const fragments = new Set<string>();
  const whole = value.trim();
  if (whole.length >= MIN_MASK_LENGTH) fragments.add(whole);
  for (const secret of keyedSecrets(value)) fragments.add(secret);
  if (!value.includes('\n')) return [...fragments];
  for (const rawLine of value.split(/\r?\n/)) {
    const line = rawLine.trim();
    const match = /^-?\s*"?([\w.-]+)"?\s*[:=]\s*(.+)$/.exec(line);
    if (match && SECRET_KEY.test(match[1] ?? '')) {
      // A block-style value runs to the end of its line, spaces and all (a JSON one ends before its comma).
      const secretValue = (match[2] ?? '')
        .replace(/,$/, '')
        .replace(/^["']|["']$/g, '')
        .trim();
      if (secretValue.length >= MIN_MASK_LENGTH) fragments.add(secretValue);
      // The whole line too: a tool may print it as it stands.
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
