// Defaulting, validation and the admission plugins of the kube-apiserver double that change what
// the suite sees: the ServiceAccount plugin (pods need an existing service account and get the
// kube-api-access projected volume), projected-token validation, Job defaults and selectors.
import { randomUUID } from 'node:crypto';
import {
  ApiError,
  invalid,
  nameErrors,
  valueAtPath,
  type KubeObject,
  type ResourceDef,
  type StatusCause
} from './kube-api.js';
import { isRecord } from './kube-keys.js';
import { randomSuffix } from './kube-controllers.js';
import { JOBS, PODS } from './kube-resources.js';

export const SA_TOKEN_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

function cause(field: string, message: string, reason = 'FieldValueInvalid'): StatusCause {
  return { reason, message, field };
}

function required(field: string, detail = ''): StatusCause {
  return cause(field, `Required value${detail ? `: ${detail}` : ''}`, 'FieldValueRequired');
}

/** validateLocalNonReservedPath: a projected file's path is relative and never climbs out. */
function localPathErrors(value: string, field: string): StatusCause[] {
  const out: StatusCause[] = [];
  const bad = (detail: string): void => {
    out.push(cause(field, `Invalid value: ${JSON.stringify(value)}: ${detail}`));
  };
  if (value.startsWith('/')) bad('must be a relative path');
  if (value.split('/').includes('..')) bad("must not contain '..'");
  // not repeated when the '..' element check already caught it
  if (value.startsWith('..') && !value.startsWith('../')) bad("must not start with '..'");
  return out;
}

function records(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

/** Validates a pod spec the way ValidatePodSpec does for the fields the double acts on. */
export function validatePodSpec(spec: Record<string, unknown>, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const volumes = records(spec.volumes);
  const volumeNames = new Set<string>();
  volumes.forEach((v, i) => {
    const p = `${path}.volumes[${i}]`;
    const name = typeof v.name === 'string' ? v.name : '';
    if (!name) causes.push(required(`${p}.name`));
    else {
      causes.push(...nameErrors(name, 'label', `${p}.name`));
      if (volumeNames.has(name))
        causes.push(cause(`${p}.name`, `Duplicate value: ${JSON.stringify(name)}`, 'FieldValueDuplicate'));
      volumeNames.add(name);
    }
    records(valueAtPath(v, 'projected.sources')).forEach((src, j) => {
      if (!isRecord(src.serviceAccountToken)) return;
      const sp = `${p}.projected.sources[${j}].serviceAccountToken`;
      const sat = src.serviceAccountToken;
      const exp = sat.expirationSeconds;
      if (typeof exp === 'number') {
        if (exp < 600)
          causes.push(
            cause(
              `${sp}.expirationSeconds`,
              `Invalid value: ${exp}: may not specify a duration less than 10 minutes`
            )
          );
        if (exp > 2 ** 32)
          causes.push(
            cause(
              `${sp}.expirationSeconds`,
              `Invalid value: ${exp}: may not specify a duration larger than 2^32 seconds`
            )
          );
      }
      if (typeof sat.path !== 'string' || sat.path === '') causes.push(required(`${sp}.path`));
      else causes.push(...localPathErrors(sat.path, `${sp}.path`));
    });
  });
  const containers = records(spec.containers);
  if (containers.length === 0) causes.push(required(`${path}.containers`));
  const containerNames = new Set<string>();
  containers.forEach((c, i) => {
    const p = `${path}.containers[${i}]`;
    const name = typeof c.name === 'string' ? c.name : '';
    if (!name) causes.push(required(`${p}.name`));
    else {
      causes.push(...nameErrors(name, 'label', `${p}.name`));
      if (containerNames.has(name))
        causes.push(cause(`${p}.name`, `Duplicate value: ${JSON.stringify(name)}`, 'FieldValueDuplicate'));
      containerNames.add(name);
    }
    if (typeof c.image !== 'string' || c.image === '') causes.push(required(`${p}.image`));
    else if (c.image.trim() !== c.image)
      causes.push(
        cause(
          `${p}.image`,
          `Invalid value: ${JSON.stringify(c.image)}: must not have leading or trailing whitespace`
        )
      );
    records(c.volumeMounts).forEach((m, j) => {
      const mp = `${p}.volumeMounts[${j}]`;
      if (typeof m.name !== 'string' || !volumeNames.has(m.name)) {
        causes.push(cause(`${mp}.name`, `Not found: ${JSON.stringify(m.name ?? '')}`, 'FieldValueNotFound'));
      }
      if (typeof m.mountPath !== 'string' || m.mountPath === '') causes.push(required(`${mp}.mountPath`));
    });
    records(c.env).forEach((e, j) => {
      if (typeof e.name !== 'string' || e.name === '') causes.push(required(`${p}.env[${j}].name`));
    });
  });
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && deadline !== null) {
    if (typeof deadline !== 'number' || !Number.isInteger(deadline) || deadline < 1 || deadline > 2147483647)
      causes.push(
        cause(
          `${path}.activeDeadlineSeconds`,
          `Invalid value: ${JSON.stringify(deadline)}: must be between 1 and 2147483647, inclusive`
        )
      );
  }
  const rp = spec.restartPolicy;
  if (rp !== undefined && rp !== 'Always' && rp !== 'OnFailure' && rp !== 'Never') {
    causes.push(
      cause(
        `${path}.restartPolicy`,
        `Unsupported value: ${JSON.stringify(rp)}: supported values: "Always", "OnFailure", "Never"`,
        'FieldValueNotSupported'
      )
    );
  }
  return causes;
}

function imagePullPolicy(image: string): string {
  const last = image.split('/').pop() ?? image;
  if (last.includes('@')) return 'IfNotPresent';
  const tag = last.includes(':') ? last.split(':').pop() : undefined;
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** SetDefaults_PodSpec / SetDefaults_Container for the fields clients commonly read back. */
export function defaultPodSpec(spec: Record<string, unknown>): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  spec.serviceAccountName ??= typeof spec.serviceAccount === 'string' ? spec.serviceAccount : 'default';
  spec.serviceAccount = spec.serviceAccountName;
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  spec.priority ??= 0;
  for (const c of records(spec.containers)) {
    c.resources ??= {};
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    c.imagePullPolicy ??= imagePullPolicy(String(c.image ?? ''));
  }
  for (const v of records(spec.volumes)) {
    if (isRecord(v.projected)) {
      v.projected.defaultMode ??= 420;
      for (const src of records(v.projected.sources)) {
        if (isRecord(src.serviceAccountToken)) src.serviceAccountToken.expirationSeconds ??= 3600;
      }
    }
  }
}

/**
 * The ServiceAccount admission plugin: the pod's service account must exist (403 otherwise,
 * with kube's message), and unless automount is off the pod gets the kube-api-access volume.
 */
export function admitPodServiceAccount(pod: KubeObject, sa: KubeObject | undefined): void {
  const spec = pod.spec as Record<string, unknown>;
  const ns = pod.metadata.namespace ?? '';
  const saName = String(spec.serviceAccountName);
  if (!sa) {
    throw new ApiError(
      403,
      'Forbidden',
      `pods "${pod.metadata.name}" is forbidden: error looking up service account ${ns}/${saName}: serviceaccount "${saName}" not found`,
      { name: pod.metadata.name, kind: 'pods' }
    );
  }
  const automount = spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
  if (automount === false) return;
  const containers = records(spec.containers);
  if (containers.some((c) => records(c.volumeMounts).some((m) => m.mountPath === SA_TOKEN_MOUNT))) return;
  const volName = `kube-api-access-${randomSuffix()}`;
  const volumes = records(spec.volumes);
  volumes.push({
    name: volName,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }]
          }
        }
      ],
      defaultMode: 420
    }
  });
  spec.volumes = volumes;
  for (const c of containers) {
    c.volumeMounts = [
      ...records(c.volumeMounts),
      { name: volName, readOnly: true, mountPath: SA_TOKEN_MOUNT }
    ];
  }
}

/**
 * Pod create in kube-apiserver's order: defaults (applied when the body is decoded), then the
 * mutating admission plugins (`admit`: the ServiceAccount plugin, whose 403 for a missing account
 * therefore comes before any 422), then validation of the result; and a fresh status.
 */
export function preparePod(pod: KubeObject, admit: (pod: KubeObject) => void = () => undefined): KubeObject {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  pod.spec = spec;
  // the checks read the spec as sent (defaults never make an invalid pod valid here); their 422
  // is thrown only after admission
  const causes = validatePodSpec(spec, 'spec');
  defaultPodSpec(spec);
  spec.tolerations ??= [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }
  ];
  admit(pod);
  if (causes.length) throw invalid(PODS, pod.metadata.name, causes);
  delete spec.nodeName;
  pod.status = { phase: 'Pending', qosClass: 'BestEffort' };
  return pod;
}

/** Job create: restartPolicy rule, defaults, controller-uid selector and labels (uid pre-assigned). */
export function prepareJob(job: KubeObject): KubeObject {
  const spec = isRecord(job.spec) ? job.spec : {};
  job.spec = spec;
  const template = isRecord(spec.template) ? spec.template : {};
  spec.template = template;
  const tspec = isRecord(template.spec) ? template.spec : {};
  template.spec = tspec;
  const causes = validatePodSpec(tspec, 'spec.template.spec');
  const rp = tspec.restartPolicy;
  if (rp === undefined) {
    causes.push(required('spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"'));
  } else if (rp !== 'OnFailure' && rp !== 'Never') {
    causes.push(
      cause(
        'spec.template.spec.restartPolicy',
        `Unsupported value: ${JSON.stringify(rp)}: supported values: "OnFailure", "Never"`,
        'FieldValueNotSupported'
      )
    );
  }
  for (const f of [
    'backoffLimit',
    'completions',
    'parallelism',
    'activeDeadlineSeconds',
    'ttlSecondsAfterFinished'
  ]) {
    const v = spec[f];
    if (v !== undefined && (typeof v !== 'number' || v < 0 || (f === 'activeDeadlineSeconds' && v <= 0))) {
      causes.push(
        cause(`spec.${f}`, `Invalid value: ${JSON.stringify(v)}: must be greater than or equal to 0`)
      );
    }
  }
  if (causes.length) throw invalid(JOBS, job.metadata.name, causes);
  defaultPodSpec(tspec);
  job.metadata.uid = randomUUID();
  const uid = job.metadata.uid;
  const tmeta = isRecord(template.metadata) ? template.metadata : {};
  template.metadata = tmeta;
  tmeta.labels = {
    ...(isRecord(tmeta.labels) ? tmeta.labels : {}),
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': job.metadata.name,
    'controller-uid': uid,
    'job-name': job.metadata.name
  };
  if (!job.metadata.labels || Object.keys(job.metadata.labels).length === 0) {
    job.metadata.labels = { ...(tmeta.labels as Record<string, string>) };
  }
  spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  spec.backoffLimit ??= 6;
  spec.completions ??= 1;
  spec.parallelism ??= 1;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= 'TerminatingOrFailed';
  spec.manualSelector = undefined;
  delete spec.manualSelector;
  job.metadata.generation = 1;
  job.status = {};
  return job;
}

export function prepareNamespace(ns: KubeObject): KubeObject {
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name };
  ns.spec = { finalizers: ['kubernetes'] };
  ns.status = { phase: 'Active' };
  return ns;
}

/** Fields that may not change after creation; PUT/PATCH touching them is a 422. */
export function immutableChanges(def: ResourceDef, before: KubeObject, after: KubeObject): StatusCause[] {
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  if (def === PODS) {
    const strip = (spec: unknown): unknown => {
      if (!isRecord(spec)) return spec;
      const c = structuredClone(spec);
      for (const k of records(c.containers)) delete k.image;
      delete c.activeDeadlineSeconds;
      delete c.tolerations;
      delete c.nodeName;
      return c;
    };
    if (!same(strip(before.spec), strip(after.spec))) {
      return [
        cause(
          'spec',
          'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
          'FieldValueForbidden'
        )
      ];
    }
  }
  if (def === JOBS) {
    const out: StatusCause[] = [];
    for (const f of ['template', 'selector', 'completions', 'completionMode']) {
      if (!same(valueAtPath(before, `spec.${f}`), valueAtPath(after, `spec.${f}`))) {
        out.push(
          cause(
            `spec.${f}`,
            `Invalid value: ${JSON.stringify(valueAtPath(after, `spec.${f}`))}: field is immutable`
          )
        );
      }
    }
    return out;
  }
  return [];
}
