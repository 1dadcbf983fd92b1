// Just enough of Kubernetes' protobuf encoding for the bodies kubectl's typed commands send:
// `kubectl create namespace`, `create serviceaccount` and `create token` POST
// application/vnd.kubernetes.protobuf and do not fall back to JSON on a 415. The double decodes
// those three kinds (the fields kubectl sets) and always answers in JSON, which client-go accepts
// because it lists application/json in Accept.
import { ApiError } from './kube-api.js';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]); // "k8s\0"

type Scalar = 'string' | 'int' | 'bool';
interface FieldSpec {
  name: string;
  type: Scalar | 'map' | MessageSpec;
  repeated?: boolean;
}
type MessageSpec = Record<number, FieldSpec>;

// Field numbers from k8s.io/api and apimachinery generated.proto; unlisted fields are skipped.
const OBJECT_META: MessageSpec = {
  1: { name: 'name', type: 'string' },
  2: { name: 'generateName', type: 'string' },
  3: { name: 'namespace', type: 'string' },
  11: { name: 'labels', type: 'map' },
  12: { name: 'annotations', type: 'map' },
  14: { name: 'finalizers', type: 'string', repeated: true }
};

const KINDS: Record<string, MessageSpec> = {
  'v1/Namespace': {
    1: { name: 'metadata', type: OBJECT_META },
    2: { name: 'spec', type: { 1: { name: 'finalizers', type: 'string', repeated: true } } }
  },
  'v1/ServiceAccount': {
    1: { name: 'metadata', type: OBJECT_META },
    3: { name: 'imagePullSecrets', type: { 1: { name: 'name', type: 'string' } }, repeated: true },
    4: { name: 'automountServiceAccountToken', type: 'bool' }
  },
  'authentication.k8s.io/v1/TokenRequest': {
    1: { name: 'metadata', type: OBJECT_META },
    2: {
      name: 'spec',
      type: {
        1: { name: 'audiences', type: 'string', repeated: true },
        3: {
          name: 'boundObjectRef',
          type: {
            1: { name: 'kind', type: 'string' },
            2: { name: 'apiVersion', type: 'string' },
            3: { name: 'name', type: 'string' },
            4: { name: 'uid', type: 'string' }
          }
        },
        4: { name: 'expirationSeconds', type: 'int' }
      }
    }
  }
};

interface RawField {
  no: number;
  wire: number;
  varint?: bigint;
  bytes?: Buffer;
}

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const b = buf[pos++];
    if (b === undefined) throw new Error('truncated varint');
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
}

function fields(buf: Buffer): RawField[] {
  const out: RawField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, p] = readVarint(buf, pos);
    pos = p;
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos);
      out.push({ no, wire, varint: v });
      pos = p2;
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      const end = p2 + Number(len);
      if (end > buf.length) throw new Error('truncated field');
      out.push({ no, wire, bytes: buf.subarray(p2, end) });
      pos = end;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

function decodeMessage(buf: Buffer, spec: MessageSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields(buf)) {
    const fs = spec[f.no];
    if (!fs) continue;
    let value: unknown;
    if (fs.type === 'map') {
      const entry = decodeMessage(f.bytes ?? Buffer.alloc(0), {
        1: { name: 'key', type: 'string' },
        2: { name: 'value', type: 'string' }
      });
      const map = (out[fs.name] as Record<string, string> | undefined) ?? {};
      map[String(entry.key ?? '')] = String(entry.value ?? '');
      out[fs.name] = map;
      continue;
    }
    if (fs.type === 'string') value = (f.bytes ?? Buffer.alloc(0)).toString('utf8');
    else if (fs.type === 'int') value = Number(BigInt.asIntN(64, f.varint ?? 0n));
    else if (fs.type === 'bool') value = (f.varint ?? 0n) !== 0n;
    else value = decodeMessage(f.bytes ?? Buffer.alloc(0), fs.type);
    if (fs.repeated) out[fs.name] = [...((out[fs.name] as unknown[] | undefined) ?? []), value];
    else if (value !== '') out[fs.name] = value; // Go's omitempty: an empty string is "unset"
  }
  return out;
}

export function isProtobuf(contentType: string | undefined): boolean {
  return /^application\/vnd\.kubernetes\.protobuf\b/i.test(contentType ?? '');
}

/** Decodes a `k8s\0`-framed runtime.Unknown into the JSON form of the object it carries. */
export function decodeKubeProtobuf(body: Buffer): Record<string, unknown> {
  const unsupported = (what: string): ApiError =>
    new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (the double decodes protobuf for Namespace, ServiceAccount and TokenRequest only, not ${what})`
    );
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC))
    throw unsupported('a body without the k8s protobuf prefix');
  const unknown = decodeMessage(body.subarray(4), {
    1: {
      name: 'typeMeta',
      type: { 1: { name: 'apiVersion', type: 'string' }, 2: { name: 'kind', type: 'string' } }
    }
  });
  const raw = fields(body.subarray(4)).find((f) => f.no === 2)?.bytes ?? Buffer.alloc(0);
  const tm = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const spec = KINDS[`${tm.apiVersion ?? ''}/${tm.kind ?? ''}`];
  if (!spec) throw unsupported(`${tm.apiVersion ?? '?'} ${tm.kind ?? '?'}`);
  return { apiVersion: tm.apiVersion, kind: tm.kind, ...decodeMessage(raw, spec) };
}
