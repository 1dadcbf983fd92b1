// Reads what a request to the API server needs from a kubeconfig (server, CA, client certificate,
// bearer token) without loading @kubernetes/client-node: that package is a 16 MB bundle chunk whose
// start-up cost dwarfs the two GETs publish-oidc makes. Kubeconfigs whose user authenticates in a
// way this reader does not handle (exec plugins, auth providers, basic auth) get no connection, and
// their requests go through client-node's KubeConfig instead.
import { readFileSync } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';
import { UserError } from '../io/errors.js';
import { asRecord } from '../json/shape.js';

export interface KubeConnection {
  server: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  token?: string;
  insecure: boolean;
}

export interface ParsedKubeconfig {
  server: string;
  /** Undefined when the user's authentication needs client-node (exec, auth-provider, basic auth). */
  connection: KubeConnection | undefined;
}

type Named = { name?: unknown } & Record<string, unknown>;

function entry(
  list: unknown,
  name: string,
  key: 'cluster' | 'user' | 'context'
): Record<string, unknown> | undefined {
  if (!Array.isArray(list)) return undefined;
  const found = (list as Named[]).find((item) => asRecord(item)?.name === name);
  return asRecord(found?.[key]);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A path the kubeconfig names, made absolute against `baseDir` unless it is empty or absolute. */
function resolvedPath(value: unknown, baseDir: string): unknown {
  return typeof value === 'string' && value !== '' && !isAbsolute(value) ? join(baseDir, value) : value;
}

/** Each `key` entry of a named list (clusters, users) with `fix` applied to a copy of its body. */
function mapEntries(
  list: unknown,
  key: 'cluster' | 'user',
  fix: (body: Record<string, unknown>) => void
): unknown {
  if (!Array.isArray(list)) return list;
  return (list as unknown[]).map((item) => {
    const named = asRecord(item);
    const body = asRecord(named?.[key]);
    if (!named || !body) return item;
    const copy = { ...body };
    fix(copy);
    return { ...named, [key]: copy };
  });
}

/**
 * The kubeconfig with the relative file paths in it made absolute against `baseDir`, as client-go
 * (and so kubectl) does for a kubeconfig it loads from a file (clientcmd's ResolveLocalPaths, against
 * the directory of the file): a cluster's certificate-authority; a user's client-certificate,
 * client-key and tokenFile (and client-node's token-file); and an exec plugin's command, but only
 * when it names a path (holds a separator), since a bare name is looked up on PATH. Without this a
 * relative path was read from the process's working directory. The document is not changed.
 */
export function resolveKubeconfigPaths(document: unknown, baseDir: string): unknown {
  const config = asRecord(document);
  if (!config) return document;
  const clusters = mapEntries(config.clusters, 'cluster', (cluster) => {
    if ('certificate-authority' in cluster)
      cluster['certificate-authority'] = resolvedPath(cluster['certificate-authority'], baseDir);
  });
  const users = mapEntries(config.users, 'user', (user) => {
    for (const field of ['client-certificate', 'client-key', 'tokenFile', 'token-file'])
      if (field in user) user[field] = resolvedPath(user[field], baseDir);
    const exec = asRecord(user.exec);
    if (exec && typeof exec.command === 'string' && exec.command.includes(sep))
      user.exec = { ...exec, command: resolvedPath(exec.command, baseDir) };
  });
  return { ...config, clusters, users };
}

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

/**
 * The user:password part of a server URL, up to its '@', if it has one. A URL the parser refuses
 * (a password with a raw '/' in it) is cut at its last '@', so that its password is dropped too.
 */
function userinfoOf(server: string): { start: number; userinfo: string } | undefined {
  const start = SCHEME.exec(server)?.[0].length ?? 0;
  const rest = server.slice(start);
  const authorityEnd = rest.search(/[/?#\\]/);
  let at = (authorityEnd < 0 ? rest : rest.slice(0, authorityEnd)).lastIndexOf('@');
  if (at < 0 && !URL.canParse(server)) at = rest.lastIndexOf('@');
  return at < 0 ? undefined : { start, userinfo: rest.slice(0, at) };
}

/** A server URL as it may be printed: without its user:password@. */
export function withoutUserinfo(server: string): string {
  const found = userinfoOf(server);
  return found
    ? server.slice(0, found.start) + server.slice(found.start + found.userinfo.length + 1)
    : server;
}

/** What to mask of the user:password@ of each cluster's server URL: as written, and decoded. */
export function serverUserinfoSecrets(document: unknown): string[] {
  const secrets = new Set<string>();
  const clusters = asRecord(document)?.clusters;
  for (const item of Array.isArray(clusters) ? (clusters as unknown[]) : []) {
    const server = text(asRecord(asRecord(item)?.cluster)?.server);
    const userinfo = server === undefined ? undefined : userinfoOf(server)?.userinfo;
    if (userinfo === undefined) continue;
    for (const secret of [userinfo, userinfo.slice(userinfo.indexOf(':') + 1)]) {
      secrets.add(secret);
      try {
        secrets.add(decodeURIComponent(secret));
      } catch {
        // not percent-encoded as a URL's would be: masked as written
      }
    }
  }
  return [...secrets].filter((secret) => secret !== '');
}

/** Inline base64 data wins over a file path, as kubectl does. */
function material(data: unknown, file: unknown, what: string, input: string): Buffer | undefined {
  const inline = text(data);
  if (inline) return Buffer.from(inline, 'base64');
  const path = text(file);
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch {
    throw new UserError(`its ${what} file '${path}' cannot be read.`, input);
  }
}

export function parseKubeconfig(document: unknown, input: string): ParsedKubeconfig {
  const config = asRecord(document);
  if (!config) {
    // A path given where the content belongs parses as a plain string.
    const hint =
      input === 'kubeconfig' && typeof document === 'string' && !/\s/.test(document.trim())
        ? ' If that is the path of a file, give it as kubeconfig-path.'
        : '';
    throw new UserError(`does not parse as a kubeconfig (not a YAML map).${hint}`, input);
  }
  const currentContext = text(config['current-context']);
  if (!currentContext) throw new UserError('has no current-context.', input);
  const context = entry(config.contexts, currentContext, 'context');
  if (!context)
    throw new UserError(`names current-context '${currentContext}', which it does not define.`, input);
  const cluster = entry(config.clusters, String(context.cluster ?? ''), 'cluster');
  const server = text(cluster?.server);
  if (!cluster || !server) throw new UserError('has no current context with a cluster server.', input);
  if (!/^https?:\/\//.test(server))
    throw new UserError(`its server '${withoutUserinfo(server)}' is not an http(s) URL.`, input);
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new UserError(`its server '${withoutUserinfo(server)}' is not a valid URL.`, input);
  }
  // Node would send user:password@ as basic auth (in the clear to an http server), which no
  // kube-apiserver has accepted since 1.19; dropping it quietly would leave a password in the
  // kubeconfig that the run seems to use. The run stops, saying what to fix, and never prints it.
  if (url.username !== '' || url.password !== '')
    throw new UserError(
      `its server ${withoutUserinfo(server)} has a user name or password in its URL (user:password@), ` +
        'which the action does not send: kube-apiserver has not accepted basic auth since Kubernetes 1.19. ' +
        'Remove it from the URL and authenticate with a client certificate, a token or an exec plugin.',
      input
    );

  const user = entry(config.users, String(context.user ?? ''), 'user') ?? {};
  const needsClientNode = ['exec', 'auth-provider', 'username', 'password'].some((key) => key in user);
  if (needsClientNode) return { server: server.replace(/\/$/, ''), connection: undefined };

  const connection: KubeConnection = {
    server: server.replace(/\/$/, ''),
    insecure: cluster['insecure-skip-tls-verify'] === true
  };
  const ca = material(
    cluster['certificate-authority-data'],
    cluster['certificate-authority'],
    'certificate-authority',
    input
  );
  const cert = material(
    user['client-certificate-data'],
    user['client-certificate'],
    'client-certificate',
    input
  );
  const key = material(user['client-key-data'], user['client-key'], 'client-key', input);
  if (ca) connection.ca = ca;
  if (cert) connection.cert = cert;
  if (key) connection.key = key;
  const tokenFile = text(user.tokenFile) ?? text(user['token-file']);
  const token =
    text(user.token) ??
    (tokenFile ? material(undefined, tokenFile, 'token', input)?.toString('utf8').trim() : undefined);
  if (token) connection.token = token;
  return { server: connection.server, connection };
}
