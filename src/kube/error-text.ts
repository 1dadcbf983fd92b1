// What a failed cluster call says, for a check, an output or an error line. Apart from client.ts,
// which publish-oidc's main chunk loads: only the actions that quote a call's failure pay for it.
import { KubeApiError } from './client.js';

/** The longest kubeErrorText: a cluster's answer is quoted in checks, outputs and error lines. */
export const MAX_KUBE_ERROR_TEXT = 500;

// How much of an answer kubeErrorText reads: enough for any page's text to fill its line.
const MAX_ANSWER_READ = 64 * 1024;

// An answer that is an HTML page (a proxy's or a load balancer's error page), not text.
const HTML_PAGE = /^\s*<(!doctype\b|html\b|head\b|body\b|\?xml\b|title\b|h1\b)/i;

/** An HTML page's text: markup, scripts and styles left out, the common entities read. */
function pageText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text redacted, then on one line and cut to MAX_KUBE_ERROR_TEXT: redacted first, so a cut splits no secret. */
function boundedLine(text: string, redact: (text: string) => string): string {
  const line = redact(text).replace(/\s+/g, ' ').trim();
  return line.length > MAX_KUBE_ERROR_TEXT ? `${line.slice(0, MAX_KUBE_ERROR_TEXT - 1).trimEnd()}…` : line;
}

/**
 * What a failed cluster call says, on one line of at most MAX_KUBE_ERROR_TEXT characters: the
 * apiserver's own message from a Status body; for any other answer (a proxy's HTML page, a plain-text
 * panic) the call and the answer's text; else the error's message, every line of it (a Go panic's
 * reason, an exec plugin's stderr follow its first line), without the headers client-node adds.
 * A KubeApiError's body was redacted by the client that got it; `redact` (ctx.redact, the client's)
 * also hides what another error's message quotes. Required, so that no caller quotes a text unredacted. Line breaks are collapsed, so the text cannot
 * start a workflow command.
 */
export function kubeErrorText(error: unknown, redact: (text: string) => string): string {
  let body: string | undefined;
  if (typeof error === 'object' && error !== null && 'body' in error) {
    const value = (error as { body: unknown }).body;
    body = typeof value === 'string' ? value : JSON.stringify(value);
    try {
      const status = JSON.parse(body ?? '') as { message?: unknown } | null;
      if (typeof status?.message === 'string') return boundedLine(status.message, redact);
    } catch {
      // not a Status body
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof KubeApiError && body !== undefined && body.trim() !== '') {
    // Redacted whole before the page's start is read: the text shown comes from its first part.
    const start = redact(body).slice(0, MAX_ANSWER_READ);
    return boundedLine(`${message}: ${HTML_PAGE.test(start) ? pageText(start) : start}`, redact);
  }
  // client-node's ApiException ends with the answer's headers, which say nothing and may set a cookie.
  return boundedLine(
    redact(message)
      .slice(0, MAX_ANSWER_READ)
      .replace(/\r?\nHeaders:[\s\S]*$/, ''),
    redact
  );
}
