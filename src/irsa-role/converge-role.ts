// Brings one IAM role to the state its binding describes. Every write is preceded by a read that
// shows it is needed, so a run with nothing to change makes only Get/List calls.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IAMClient, Role } from '@aws-sdk/client-iam';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand
} from '@aws-sdk/client-iam';
import { UserError } from '../io/errors.js';
import type { PolicyDocument } from '../trust/policy-document.js';
import {
  decodeIamDocument,
  iamDocumentJson,
  iamPolicySize,
  INLINE_POLICY_LIMIT,
  MANAGED_POLICIES_DEFAULT_QUOTA,
  MANAGED_POLICIES_MAX_QUOTA,
  policyJson,
  samePolicy
} from '../trust/policy-document.js';
import { issuerOfTag, sameIssuerTag } from '../trust/issuer-tag.js';
import type { Tags } from '../trust/tags.js';
import {
  CREATING_TAG_KEY,
  ISSUER_TAG_KEY,
  MANAGED_BY_KEY,
  MANAGED_BY_VALUE,
  roleTagQuotaProblem,
  tagList,
  tagsToWrite
} from '../trust/tags.js';
import type { AccountQuotaReader } from './account-quotas.js';
import { decidingLimit } from './account-quotas.js';
import { sameDescription } from './description.js';
import { isEntityAlreadyExists, isMalformedPolicy, isNoSuchEntity } from './iam-errors.js';
import type { Origin } from './inputs.js';
import { asRecord, oneOrMany } from '../json/shape.js';

/** The inline policy this action owns on each role; other inline policies are left alone unless pruning. */
export const INLINE_POLICY_NAME = 'talos-irsa';

export interface DesiredRole {
  roleName: string;
  path: string;
  trust: PolicyDocument;
  description: string;
  maxSessionDuration: number;
  permissionsBoundary: string | undefined;
  tags: Tags;
  policyArns: string[];
  inlinePolicy: PolicyDocument | undefined;
  /** Which input an IAM rejection of the inline policy should name. */
  inlinePolicyOrigin: Origin;
  /** Which input names the role: role-name, or its bindings entry. */
  roleNameOrigin: Origin;
}

/**
 * Whether an IAM OIDC provider for this issuer exists in the account (its cluster is live);
 * undefined when that cannot be told.
 */
export type LiveIssuer = (issuer: string) => Promise<boolean | undefined>;

export interface RoleReport {
  roleName: string;
  arn: string;
  created: boolean;
  /** What was written, in words, for the log and the summary; empty when nothing changed. */
  changes: string[];
  /** Managed policies attached after this run. */
  policyArns: string[];
  /** Inline policies on the role after this run. */
  inlinePolicies: string[];
  /**
   * Policies the role carries that the inputs do not list, left in place because prune-policies is
   * off: managed policy ARNs, and inline policy names followed by ' (inline)'.
   */
  unlisted: string[];
  warnings: string[];
}

async function currentRole(
  iam: IAMClient,
  roleName: string,
  reads: IamRead = readOnce
): Promise<Role | undefined> {
  try {
    return (await reads(() => iam.send(new GetRoleCommand({ RoleName: roleName })))).Role;
  } catch (error) {
    if (isNoSuchEntity(error)) return undefined;
    throw error;
  }
}

/** How the convergence of a role reads the role and its policies. */
type IamRead = <T>(read: () => Promise<T>) => Promise<T>;

const readOnce: IamRead = (read) => read();

const CONFLICT_READ_DELAYS_MS = [200, 400, 800, 1600];

/**
 * IAM is eventually consistent: right after CreateRole met the role (EntityAlreadyExists), GetRole, the
 * policy lists and GetRolePolicy of a policy the list names may still answer NoSuchEntity for a moment,
 * even after an earlier read saw the role: asked again a few times, briefly, before giving up. Only
 * there, and in the undo of a role this call's own CreateRole made: for a role GetRole found at once,
 * NoSuchEntity from a list means it was deleted, and the run fails on it.
 */
const readAfterConflict: IamRead = async (read) => {
  for (const delay of CONFLICT_READ_DELAYS_MS) {
    try {
      return await read();
    } catch (error) {
      if (!isNoSuchEntity(error)) throw error;
    }
    await sleep(delay);
  }
  return read();
};

async function attachedPolicies(iam: IAMClient, roleName: string): Promise<string[]> {
  const arns: string[] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker: marker }));
    for (const policy of page.AttachedPolicies ?? []) if (policy.PolicyArn) arns.push(policy.PolicyArn);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return arns;
}

async function inlinePolicyNames(iam: IAMClient, roleName: string): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker: marker }));
    names.push(...(page.PolicyNames ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return names;
}

/**
 * The policy's document; undefined when IAM has none by that name. Read as the policy lists are: after
 * CreateRole met the role, a NoSuchEntity may be IAM not showing the role yet, not the policy absent.
 */
async function inlinePolicy(
  iam: IAMClient,
  roleName: string,
  policyName: string,
  reads: IamRead
): Promise<string | undefined> {
  try {
    const found = await reads(() =>
      iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }))
    );
    return found.PolicyDocument;
  } catch (error) {
    if (isNoSuchEntity(error)) return undefined;
    throw error;
  }
}

async function putInlinePolicy(
  iam: IAMClient,
  desired: DesiredRole,
  document: PolicyDocument
): Promise<void> {
  try {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: desired.roleName,
        PolicyName: INLINE_POLICY_NAME,
        PolicyDocument: policyJson(document)
      })
    );
  } catch (error) {
    // IAM checks actions and resources more deeply than the shape check before the first write.
    if (isMalformedPolicy(error)) {
      const { input, where } = desired.inlinePolicyOrigin;
      const detail = error instanceof Error ? error.message : String(error);
      throw new UserError(`${where ? `${where}: ` : ''}IAM rejected the inline policy (${detail}).`, input);
    }
    throw error;
  }
}

/** A removal that a retry (or someone else) already made is the state we wanted. */
async function ignoringNoSuchEntity(removal: Promise<unknown>): Promise<void> {
  try {
    await removal;
  } catch (error) {
    if (!isNoSuchEntity(error)) throw error;
  }
}

function tagsOf(role: Role): Tags {
  return Object.fromEntries((role.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
}

/**
 * Deletes a role that was never finished (this run's, or one a run that did not finish left behind)
 * after IAM refused part of it, with whatever policies it holds, and returns the refusal completed
 * with what became of the role. `ownRun` says whose role it was, for the message. `reads` reads its
 * policy lists as the convergence did: a read that saw the role promises nothing of the next one,
 * which IAM may answer from an endpoint that does not show it yet.
 */
async function undoCreate(
  iam: IAMClient,
  roleName: string,
  ownRun: boolean,
  cause: UserError,
  reads: IamRead
): Promise<UserError> {
  const refusal = cause.reason;
  const [role, again] = ownRun
    ? [`The role ${roleName} created for it`, ' again']
    : [`The role ${roleName}, which another run created and did not finish,`, ''];
  try {
    if (!(await deleteWithPolicies(iam, roleName, reads)))
      return new UserError(
        `${refusal} ${role} was gone already (deleted meanwhile, not by this run): nothing is left to delete.`,
        cause.input
      );
  } catch (undoError) {
    const reason = undoError instanceof Error ? undoError.message : String(undoError);
    return new UserError(
      `${refusal} ${role} could not be deleted${again} (${reason}): delete it by hand.`,
      cause.input
    );
  }
  return new UserError(`${refusal} ${role} was deleted${again}.`, cause.input);
}

/**
 * Deletes the role with whatever policies it holds; false when its policies cannot be listed because the
 * role is not there (NoSuchEntity, still so after `reads` asked again): someone else deleted it.
 */
async function deleteWithPolicies(iam: IAMClient, roleName: string, reads: IamRead): Promise<boolean> {
  const listed = async (list: () => Promise<string[]>): Promise<string[] | undefined> => {
    try {
      return await reads(list);
    } catch (error) {
      if (isNoSuchEntity(error)) return undefined;
      throw error;
    }
  };
  // Listed rather than remembered: a run that did not finish may have attached or put some already.
  const arns = await listed(() => attachedPolicies(iam, roleName));
  if (!arns) return false;
  for (const arn of arns)
    await ignoringNoSuchEntity(iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn })));
  const names = await listed(() => inlinePolicyNames(iam, roleName));
  if (!names) return false;
  for (const name of names)
    await ignoringNoSuchEntity(
      iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: name }))
    );
  await ignoringNoSuchEntity(iam.send(new DeleteRoleCommand({ RoleName: roleName })));
  return true;
}

/** The token of the run that created the role and has not finished it; undefined once finished. */
function creationMarker(role: Role): string | undefined {
  return role.Tags?.find((tag) => tag.Key === CREATING_TAG_KEY)?.Value;
}

/** The role's policies are in place: the marker goes, and with it the role counts as finished. */
async function removeCreationMarker(iam: IAMClient, roleName: string): Promise<void> {
  // UntagRole of a key the role does not carry changes nothing (another run finished it first).
  await iam.send(new UntagRoleCommand({ RoleName: roleName, TagKeys: [CREATING_TAG_KEY] }));
}

/** What a convergence has written so far: told even when a later write fails, or the run is cancelled. */
export interface Progress {
  arn: string;
  changes: string[];
}

/**
 * A role's convergence failed after some of its writes landed (an AWS fault, a throttle past the
 * retry budget): the writes are carried with the failure so that the outputs and summary say them.
 */
export class PartialConvergence extends Error {
  constructor(
    readonly arn: string,
    readonly changes: string[],
    readonly failure: unknown
  ) {
    super(failure instanceof Error ? failure.message : String(failure));
    this.name = 'PartialConvergence';
  }
}

async function createRole(
  iam: IAMClient,
  desired: DesiredRole,
  progress: Progress,
  token: string
): Promise<RoleReport> {
  const created = await iam.send(
    new CreateRoleCommand({
      RoleName: desired.roleName,
      Path: desired.path,
      AssumeRolePolicyDocument: policyJson(desired.trust),
      Description: desired.description,
      MaxSessionDuration: desired.maxSessionDuration,
      PermissionsBoundary: desired.permissionsBoundary,
      // The marker rides on CreateRole itself: a role never exists unmarked before it is finished.
      Tags: tagList({ ...desired.tags, [CREATING_TAG_KEY]: token })
    })
  );
  return finishCreatedRole(iam, desired, progress, created.Role?.Arn ?? '');
}

/** Gives a role this run created (bare: trust, settings and tags only) its policies, then unmarks it. */
async function finishCreatedRole(
  iam: IAMClient,
  desired: DesiredRole,
  progress: Progress,
  roleArn: string
): Promise<RoleReport> {
  progress.arn = roleArn;
  const changes = progress.changes;
  changes.push('created the role');
  try {
    for (const arn of desired.policyArns) {
      await iam.send(new AttachRolePolicyCommand({ RoleName: desired.roleName, PolicyArn: arn }));
      changes.push(`attached ${arn}`);
    }
    if (desired.inlinePolicy) {
      await putInlinePolicy(iam, desired, desired.inlinePolicy);
      changes.push(`put inline policy ${INLINE_POLICY_NAME}`);
    }
  } catch (error) {
    // IAM refused what the user wrote: the role this run just created must not stay behind,
    // assumable and half-made. (A fault of AWS leaves it for the next run to converge.)
    if (error instanceof UserError) {
      // The refusal says what became of the role; there is no partial role to report besides.
      changes.length = 0;
      // The role is this call's own, just created: a NoSuchEntity can only be IAM not showing it yet.
      throw await undoCreate(iam, desired.roleName, true, error, readAfterConflict);
    }
    throw error;
  }
  await removeCreationMarker(iam, desired.roleName);
  return {
    roleName: desired.roleName,
    arn: progress.arn,
    created: true,
    changes,
    policyArns: [...desired.policyArns],
    inlinePolicies: desired.inlinePolicy ? [INLINE_POLICY_NAME] : [],
    unlisted: [],
    warnings: []
  };
}

async function convergeSettings(
  iam: IAMClient,
  role: Role,
  desired: DesiredRole,
  prune: boolean,
  changes: string[]
): Promise<void> {
  const name = desired.roleName;
  if (!samePolicy(role.AssumeRolePolicyDocument ?? '', desired.trust)) {
    await iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: policyJson(desired.trust) })
    );
    changes.push('rewrote the trust policy');
  }
  const descriptionDiffers = !sameDescription(role.Description ?? '', desired.description);
  const durationDiffers = (role.MaxSessionDuration ?? 3600) !== desired.maxSessionDuration;
  if (descriptionDiffers || durationDiffers) {
    await iam.send(
      new UpdateRoleCommand({
        RoleName: name,
        Description: desired.description,
        MaxSessionDuration: desired.maxSessionDuration
      })
    );
    if (descriptionDiffers) changes.push('updated the description');
    if (durationDiffers)
      changes.push(
        `set max session duration ${role.MaxSessionDuration ?? 3600} → ${desired.maxSessionDuration}`
      );
  }
  const boundary = role.PermissionsBoundary?.PermissionsBoundaryArn;
  if (desired.permissionsBoundary && boundary !== desired.permissionsBoundary) {
    await iam.send(
      new PutRolePermissionsBoundaryCommand({
        RoleName: name,
        PermissionsBoundary: desired.permissionsBoundary
      })
    );
    changes.push(`set permissions boundary ${desired.permissionsBoundary}`);
  }
  // Removing a boundary widens what the role may do, so it needs the explicit prune-policies.
  if (!desired.permissionsBoundary && boundary && prune) {
    await ignoringNoSuchEntity(iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: name })));
    changes.push(`removed permissions boundary ${boundary}`);
  }
  const tags = tagsToWrite(tagsOf(role), desired.tags);
  if (Object.keys(tags).length > 0) {
    await iam.send(new TagRoleCommand({ RoleName: name, Tags: tagList(tags) }));
    changes.push(`tagged ${Object.keys(tags).join(', ')}`);
  }
}

/**
 * The limit a role of `count` managed policies would pass: the account's quota, or when its summary
 * cannot be read, IAM's documented ceiling.
 */
async function passedManagedPolicyLimit(
  count: number,
  quotas: AccountQuotaReader
): Promise<string | undefined> {
  const { limit, fromAccount } = decidingLimit(
    (await quotas()).managedPoliciesPerRole,
    MANAGED_POLICIES_MAX_QUOTA
  );
  if (count <= limit) return undefined;
  return fromAccount
    ? `this account's quota of ${limit}`
    : `IAM's documented ceiling of ${limit} (this account's quota could not be read)`;
}

/**
 * The role's managed policies as found, read before any write of the convergence. Past a default
 * only a raised quota takes the attach: the account's, or without it the documented ceiling. Said
 * before writing, since IAM's LimitExceeded is retried by the SDK as a throttle for some 40 s.
 */
async function readManagedPolicies(
  iam: IAMClient,
  desired: DesiredRole,
  prune: boolean,
  quotas: AccountQuotaReader,
  lists: IamRead
): Promise<string[]> {
  const attached = await lists(() => attachedPolicies(iam, desired.roleName));
  const toAttach = desired.policyArns.filter((arn) => !attached.includes(arn));
  const toDetach = prune ? attached.filter((arn) => !desired.policyArns.includes(arn)) : [];
  const count = attached.length - toDetach.length + toAttach.length;
  const limit =
    toAttach.length > 0 && count > MANAGED_POLICIES_DEFAULT_QUOTA
      ? await passedManagedPolicyLimit(count, quotas)
      : undefined;
  if (limit) {
    const others = attached.filter((arn) => !desired.policyArns.includes(arn));
    throw new Error(
      `role ${desired.roleName} would have ${count} managed policies, past ${limit}: it has ${others.length} the inputs do not list (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', ...' : ''}); detach some or set prune-policies: true.`
    );
  }
  return attached;
}

async function convergeManagedPolicies(
  iam: IAMClient,
  desired: DesiredRole,
  prune: boolean,
  attached: string[],
  changes: string[]
): Promise<string[]> {
  const result = new Set(attached);
  const toAttach = desired.policyArns.filter((arn) => !attached.includes(arn));
  const toDetach = prune ? attached.filter((arn) => !desired.policyArns.includes(arn)) : [];
  const detach = async (): Promise<void> => {
    for (const arn of toDetach) {
      await ignoringNoSuchEntity(
        iam.send(new DetachRolePolicyCommand({ RoleName: desired.roleName, PolicyArn: arn }))
      );
      changes.push(`detached ${arn}`);
      result.delete(arn);
    }
  };
  // Attached first, so that a swap never leaves the role without either policy; but a swap that
  // would pass IAM's cap makes room first, since IAM refuses the attach (LimitExceeded, which the SDK
  // takes for throttling and retries for some 40 s before giving up).
  const roomFirst = attached.length + toAttach.length > MANAGED_POLICIES_DEFAULT_QUOTA;
  if (roomFirst) await detach();
  for (const arn of toAttach) {
    await iam.send(new AttachRolePolicyCommand({ RoleName: desired.roleName, PolicyArn: arn }));
    changes.push(`attached ${arn}`);
    result.add(arn);
  }
  if (!roomFirst) await detach();
  return [...result];
}

/** The role's inline policies as found, read before any write of the convergence. */
interface InlineState {
  names: string[];
  /** This action's policy as IAM holds it, when the inputs give one and the role has it. */
  current: string | undefined;
  /** The policies to delete go before this action's is put: with them, it would not fit. */
  roomFirst: boolean;
}

/**
 * IAM limits all of a role's inline policies together, and refuses a put past it (LimitExceeded,
 * retried by the SDK as a throttle). The others are read only when the role has some and this
 * action's policy is to be written; past the limit the role is refused before any write, naming the
 * input, unless pruning removes them anyway (then first).
 */
async function readInlinePolicies(
  iam: IAMClient,
  desired: DesiredRole,
  prune: boolean,
  lists: IamRead
): Promise<InlineState> {
  const name = desired.roleName;
  // Listed even without pruning, so that inline policies the inputs do not name (a hand-added one,
  // or this action's own after inline-policy was dropped from the inputs) are reported, not hidden.
  const names = await lists(() => inlinePolicyNames(iam, name));
  const wanted = desired.inlinePolicy;
  // Compared exactly: IAM's name requirements (IAM User Guide, "IAM and AWS STS quotas") make only
  // user, group, role and instance profile names case-blind; inline policy names are not listed.
  const current =
    wanted && names.includes(INLINE_POLICY_NAME)
      ? await inlinePolicy(iam, name, INLINE_POLICY_NAME, lists)
      : undefined;
  const others = names.filter((n) => n !== INLINE_POLICY_NAME);
  const state = { names, current, roomFirst: false };
  if (!wanted || others.length === 0 || (current !== undefined && samePolicy(current, wanted))) return state;
  let othersSize = 0;
  for (const other of others) {
    const document = await inlinePolicy(iam, name, other, lists);
    if (document !== undefined) othersSize += iamPolicySize(iamDocumentJson(document));
  }
  const size = iamPolicySize(policyJson(wanted));
  if (size + othersSize <= INLINE_POLICY_LIMIT) return state;
  if (prune) return { ...state, roomFirst: true };
  const { input, where } = desired.inlinePolicyOrigin;
  throw new UserError(
    `${where ? `${where}: ` : ''}role ${name} holds other inline policies (${others.join(', ')}: ${othersSize} characters), and with this one (${size}) they would pass IAM's limit of ${INLINE_POLICY_LIMIT} characters for all of a role's inline policies; delete some of them, or set prune-policies: true.`,
    input
  );
}

async function convergeInlinePolicies(
  iam: IAMClient,
  desired: DesiredRole,
  prune: boolean,
  state: InlineState,
  changes: string[]
): Promise<string[]> {
  const name = desired.roleName;
  const result = new Set(state.names);
  const extras = prune ? state.names.filter((n) => !(desired.inlinePolicy && n === INLINE_POLICY_NAME)) : [];
  const deleteExtras = async (): Promise<void> => {
    for (const extra of extras) {
      await ignoringNoSuchEntity(
        iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: extra }))
      );
      changes.push(`deleted inline policy ${extra}`);
      result.delete(extra);
    }
  };
  // Put first, so that a renamed policy never leaves the role without either; unless it fits only
  // once the others are gone.
  if (state.roomFirst) await deleteExtras();
  if (desired.inlinePolicy) {
    const current = state.current;
    if (current === undefined || !samePolicy(current, desired.inlinePolicy)) {
      await putInlinePolicy(iam, desired, desired.inlinePolicy);
      changes.push(`${current === undefined ? 'put' : 'updated'} inline policy ${INLINE_POLICY_NAME}`);
    }
    result.add(INLINE_POLICY_NAME);
  }
  if (!state.roomFirst) await deleteExtras();
  return [...result];
}

/** What the role keeps that the inputs do not list: only without pruning, which removes it all. */
function unlistedPolicies(
  desired: DesiredRole,
  prune: boolean,
  policyArns: string[],
  inlinePolicies: string[]
): string[] {
  if (prune) return [];
  // Sorted, so that the warning reads the same on every run whatever order IAM lists them in.
  const managed = policyArns.filter((arn) => !desired.policyArns.includes(arn)).sort();
  const inline = inlinePolicies
    .filter((name) => !(desired.inlinePolicy && name === INLINE_POLICY_NAME))
    .sort()
    .map((name) => `${name} (inline)`);
  return [...managed, ...inline];
}

/** The issuer another run of this suite made the role for, when it is not this run's; as a URL. */
/** A tag's value, its key compared as IAM compares keys (without regard to case). */
function tagValue(tags: Tags, key: string): string | undefined {
  return Object.entries(tags).find(([known]) => known.toLowerCase() === key)?.[1];
}

function otherIssuer(tags: Tags, desired: DesiredRole): string | undefined {
  const tagged = tagValue(tags, ISSUER_TAG_KEY);
  const written = desired.tags[ISSUER_TAG_KEY];
  if (tagged === undefined || written === undefined || sameIssuerTag(tagged, written)) return undefined;
  // The tag holds the issuer escaped where IAM refuses its characters (issuer-tag.ts).
  return issuerOfTag(tagged);
}

function madeByThisSuite(tags: Tags): boolean {
  return tagValue(tags, MANAGED_BY_KEY) === MANAGED_BY_VALUE;
}

/**
 * A role this suite made for another cluster's issuer whose IAM OIDC provider still exists: that
 * cluster is live, and most likely binds the same role name (a bindings list copied between
 * clusters' workflows, or a wrong issuer-url), so each cluster's runs would take the role from the
 * other in turn. Refused before any write to the role, saying how to move it on purpose. Checked
 * before an unfinished role's handling, which would delete it: the other cluster's run may still
 * be making it.
 */
async function refuseLiveIssuerMove(
  role: Role,
  desired: DesiredRole,
  liveIssuer: LiveIssuer | undefined
): Promise<void> {
  const tags = tagsOf(role);
  // The issuer tag alone decides, with or without managed-by: only this suite writes it, and a
  // managed-by tag removed by hand must not hand a live cluster's role to another.
  if (!liveIssuer) return;
  const previous = otherIssuer(tags, desired);
  if (previous === undefined || (await liveIssuer(previous)) !== true) return;
  const next = issuerOfTag(desired.tags[ISSUER_TAG_KEY] ?? '');
  const { input, where } = desired.roleNameOrigin;
  throw new UserError(
    `${where ? `${where}: ` : ''}role ${desired.roleName} was made by talos-irsa for issuer ${previous}, whose IAM OIDC provider still exists, ` +
      `so this run would take it from that cluster's service accounts to give it to ${next}'s. ` +
      'If both clusters need it, give each its own role name (a role name is unique in the account, whatever its path); ' +
      'if issuer-url or provider-arn names the wrong cluster, correct it. To move the role on purpose, remove its ' +
      `${ISSUER_TAG_KEY} tag first (aws iam untag-role --role-name ${desired.roleName} --tag-keys ${ISSUER_TAG_KEY}).`,
    input
  );
}

/**
 * A role this suite made for another cluster's issuer whose provider is gone (a rebuilt cluster with
 * a new issuer, the legitimate case; a live one is refused above): taking it over cuts the first
 * issuer's service accounts off, so it is said, not done silently.
 */
function issuerMoveWarning(tags: Tags, desired: DesiredRole): string | undefined {
  const previous = otherIssuer(tags, desired);
  if (previous === undefined) return undefined;
  const next = issuerOfTag(desired.tags[ISSUER_TAG_KEY] ?? '');
  return (
    `role ${desired.roleName} was made by talos-irsa for issuer ${previous}: this run makes it trust ${next} instead, ` +
    `so service accounts of ${previous} can no longer assume it. If both clusters need it, give each its own role name (a role name is unique in the account, whatever its path).`
  );
}

/**
 * A role this suite did not make (no managed-by=talos-irsa tag) is taken over, as `terraform import`
 * would: said out loud, since its trust policy and description are replaced and, with pruning, its
 * other policies removed. Once tagged, later runs say nothing.
 */
function takeoverWarning(role: Role, desired: DesiredRole, prune: boolean): string | undefined {
  const tags = tagsOf(role);
  if (madeByThisSuite(tags)) return issuerMoveWarning(tags, desired);
  const retagged = retaggedOwnRole(tags, desired);
  const replaced = samePolicy(role.AssumeRolePolicyDocument ?? '', desired.trust)
    ? undefined
    : droppedPrincipals(role, desired);
  // Those the role's own trust policy let in lose it: named, as for a statement added by hand.
  const trust =
    replaced === undefined
      ? []
      : [
          `replacing its trust policy${replaced.length > 0 ? `, which let in ${replaced.join(', ')},` : ''} with the one these inputs describe`
        ];
  const pruning = prune ? ['removing the policies and permissions boundary these inputs do not list'] : [];
  const parts = (list: string[]): string =>
    list.map((part, i) => (i === 0 ? `, ${part}` : ` and ${part}`)).join('');
  if (retagged)
    return (
      `role ${desired.roleName} ${retagged}: this run takes it over again` +
      `${parts([`setting ${MANAGED_BY_KEY}=${MANAGED_BY_VALUE}`, ...trust, ...pruning])}. ` +
      'If something else manages the role now, give this binding a role of its own.'
    );
  const managedBy = tagValue(tags, MANAGED_BY_KEY);
  const why =
    managedBy === undefined
      ? `it has no ${MANAGED_BY_KEY}=${MANAGED_BY_VALUE} tag`
      : `its ${MANAGED_BY_KEY} tag is '${managedBy}'`;
  return (
    `role ${desired.roleName} was not made by talos-irsa (${why}): ` +
    `this run takes it over${parts([...trust, ...pruning])}. ` +
    'To leave other roles alone, give each binding a role of its own, and scope the credentials to a role path.'
  );
}

/**
 * What is true of a role without managed-by=talos-irsa that still carries this suite's issuer tag: this
 * suite made it (only it writes that tag), and its managed-by tag was removed or changed since. Said so,
 * rather than that talos-irsa did not make it, which would send the reader looking for another author.
 */
function retaggedOwnRole(tags: Tags, desired: DesiredRole): string | undefined {
  const tagged = tagValue(tags, ISSUER_TAG_KEY);
  const written = desired.tags[ISSUER_TAG_KEY];
  if (tagged === undefined || written === undefined) return undefined;
  const managedBy = tagValue(tags, MANAGED_BY_KEY);
  const how = managedBy === undefined ? 'has been removed' : `has been changed to '${managedBy}'`;
  const issuer = sameIssuerTag(tagged, written)
    ? `this issuer (${issuerOfTag(written)})`
    : `issuer ${issuerOfTag(tagged)}, not this one (${issuerOfTag(written)}), whose service accounts lose it`;
  return `carries talos-irsa's ${ISSUER_TAG_KEY} tag for ${issuer}, but its ${MANAGED_BY_KEY} tag ${how} (by hand or by another tool)`;
}

/** A trust policy's statements of one effect, as objects. */
function statementsOf(document: unknown, effect: 'Allow' | 'Deny'): Record<string, unknown>[] {
  const statements = asRecord(document)?.Statement;
  return oneOrMany(statements)
    .map(asRecord)
    .filter((fields): fields is Record<string, unknown> => fields?.Effect === effect);
}

/** Whom a statement names, in words: `Service ec2.amazonaws.com`, `*`. */
function statementPrincipals(fields: Record<string, unknown>): string[] {
  const principal = fields.Principal;
  const found: string[] = principal === '*' ? ['*'] : [];
  for (const [kind, values] of Object.entries(asRecord(principal) ?? {}))
    for (const value of oneOrMany(values)) if (typeof value === 'string') found.push(`${kind} ${value}`);
  return found;
}

/** Who an Allow statement of a trust policy lets in, in words: `Service ec2.amazonaws.com`, `*`. */
function principalsOf(document: unknown): string[] {
  return [...new Set(statementsOf(document, 'Allow').flatMap(statementPrincipals))];
}

/** What a Deny statement refuses, in words: `Federated arn:... when StringEquals host/path:sub`. */
function denialOf(fields: Record<string, unknown>): string {
  const who = statementPrincipals(fields);
  const notPrincipal = fields.NotPrincipal === undefined ? [] : ['all but its NotPrincipal'];
  const conditions = Object.entries(asRecord(fields.Condition) ?? {}).flatMap(([operator, keys]) =>
    Object.keys(asRecord(keys) ?? {}).map((key) => `${operator} ${key}`)
  );
  const subject = [...who, ...notPrincipal].join(', ') || 'anyone';
  return conditions.length > 0 ? `${subject} when ${conditions.join(', ')}` : subject;
}

/** Whom the role's trust policy lets in that the one these inputs describe does not; none if it cannot be read. */
function droppedPrincipals(role: Role, desired: DesiredRole): string[] {
  let document: unknown;
  try {
    document = decodeIamDocument(role.AssumeRolePolicyDocument ?? '');
  } catch {
    return [];
  }
  const kept = new Set(principalsOf(desired.trust));
  return principalsOf(document).filter((principal) => !kept.has(principal));
}

/**
 * Principals the role's trust policy lets in besides this binding's provider (a statement added by
 * hand: another cluster's provider, a service, an account). The trust policy is replaced whole, so
 * they lose the role: said, not done silently.
 */
function droppedPrincipalsWarning(role: Role, desired: DesiredRole): string | undefined {
  const current = role.AssumeRolePolicyDocument ?? '';
  if (current === '' || samePolicy(current, desired.trust)) return undefined;
  const dropped = droppedPrincipals(role, desired);
  if (dropped.length === 0) return undefined;
  return (
    `role ${desired.roleName} also trusted ${dropped.join(', ')}: this run replaces its trust policy with one naming only ` +
    'the service accounts of these inputs, so they can no longer assume it. Give them a role of their own.'
  );
}

/**
 * Deny statements in the role's trust policy, which these inputs never write: added by hand to refuse
 * someone (a service account found compromised, a source network). The trust policy is replaced whole,
 * so the refusal goes with it; said, not done silently, since it widens who may assume the role.
 */
function droppedDenialsWarning(role: Role, desired: DesiredRole): string | undefined {
  const current = role.AssumeRolePolicyDocument ?? '';
  if (current === '' || samePolicy(current, desired.trust)) return undefined;
  let document: unknown;
  try {
    document = decodeIamDocument(current);
  } catch {
    return undefined;
  }
  const denials = statementsOf(document, 'Deny').map(denialOf);
  if (denials.length === 0) return undefined;
  const statements = denials.length === 1 ? 'a Deny statement' : `${denials.length} Deny statements`;
  return (
    `role ${desired.roleName} also had ${statements} in its trust policy (${denials.join('; ')}): this run replaces its ` +
    'trust policy with the one these inputs describe, which refuses no one, so what it refused is allowed again ' +
    'wherever the inputs allow it. To keep a service account out, leave it out of the inputs.'
  );
}

/** `quotas` reads the account's IAM quotas, once per run, for a role that may go past a default. */
export async function convergeRole(
  iam: IAMClient,
  desired: DesiredRole,
  prune: boolean,
  quotas: AccountQuotaReader,
  liveIssuer?: LiveIssuer,
  progress: Progress = { arn: '', changes: [] }
): Promise<RoleReport> {
  try {
    return await convergeWithProgress(iam, desired, prune, quotas, progress, liveIssuer);
  } catch (error) {
    if (progress.changes.length === 0) throw error;
    throw new PartialConvergence(progress.arn, [...progress.changes], error);
  }
}

async function convergeWithProgress(
  iam: IAMClient,
  desired: DesiredRole,
  prune: boolean,
  quotas: AccountQuotaReader,
  progress: Progress,
  liveIssuer: LiveIssuer | undefined
): Promise<RoleReport> {
  let role = await currentRole(iam, desired.roleName);
  let lists = readOnce;
  if (!role) {
    // Unique to this call, so that a role carrying it can only be this call's own.
    const token = randomUUID();
    try {
      return await createRole(iam, desired, progress, token);
    } catch (error) {
      // A retried CreateRole whose first attempt did land (the answer was lost), or another run
      // creating the same role: converge the role that now exists instead of failing.
      if (!isEntityAlreadyExists(error)) throw error;
      role = await currentRole(iam, desired.roleName, readAfterConflict);
      if (!role) throw error;
      lists = readAfterConflict;
      // This call's own first attempt: finished as created, so that the run says it created the role
      // and, should IAM refuse its inline policy, deletes it again, as a run without the fault would.
      if (creationMarker(role) === token) return finishCreatedRole(iam, desired, progress, role.Arn ?? '');
    }
  }
  await refuseLiveIssuerMove(role, desired, liveIssuer);
  if (creationMarker(role) === undefined)
    return convergeExisting(iam, role, desired, prune, quotas, progress, lists);
  // Made by a run that did not finish it (killed, failed on a fault of AWS, or still at it: runs do
  // not lock): finished as that run would have, so that a refusal of what the inputs ask deletes it
  // rather than leaving it behind, assumable and half-made. Converged whole, since the inputs may
  // have changed since.
  try {
    const report = await convergeExisting(iam, role, desired, prune, quotas, progress, lists);
    await removeCreationMarker(iam, desired.roleName);
    report.changes.push('finished the role, which another run had created and not finished');
    return report;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    // As for a role this run created: the refusal says what became of the role.
    progress.changes.length = 0;
    throw await undoCreate(iam, desired.roleName, false, error, lists);
  }
}

async function convergeExisting(
  iam: IAMClient,
  role: Role,
  desired: DesiredRole,
  prune: boolean,
  quotas: AccountQuotaReader,
  progress: Progress,
  lists: IamRead
): Promise<RoleReport> {
  progress.arn = role.Arn ?? '';
  const changes = progress.changes;
  const warnings: string[] = [];
  if ((role.Path ?? '/') !== desired.path)
    warnings.push(
      `role ${desired.roleName} has path ${role.Path ?? '/'}, not ${desired.path}; IAM cannot move a role, so the path is left as it is.`
    );
  const foreign = takeoverWarning(role, desired, prune);
  if (foreign) warnings.push(foreign);
  // A takeover or an issuer move already says the trust policy is replaced, and whose it was.
  const dropped = foreign ? undefined : droppedPrincipalsWarning(role, desired);
  if (dropped) warnings.push(dropped);
  const denials = droppedDenialsWarning(role, desired);
  if (denials) warnings.push(denials);
  // Checked before the first write, so that a role whose tags or policies cannot fit stays as it was.
  const overQuota = roleTagQuotaProblem(tagsOf(role), desired.tags);
  if (overQuota) throw new Error(`role ${desired.roleName} ${overQuota}`);
  const attached = await readManagedPolicies(iam, desired, prune, quotas, lists);
  const inline = await readInlinePolicies(iam, desired, prune, lists);
  await convergeSettings(iam, role, desired, prune, changes);
  const policyArns = await convergeManagedPolicies(iam, desired, prune, attached, changes);
  const inlinePolicies = await convergeInlinePolicies(iam, desired, prune, inline, changes);
  const unlisted = unlistedPolicies(desired, prune, policyArns, inlinePolicies);
  // Said on every run: a permission the inputs no longer grant, still granted, is what a reader of
  // "no change" would least expect. Pruning is not the default because it also removes others' policies.
  if (unlisted.length > 0)
    warnings.push(
      `role ${desired.roleName} keeps ${unlisted.join(', ')}, which the inputs do not list; ` +
        'prune-policies: true removes them (with every other policy the inputs do not list), or detach them by hand.'
    );
  return {
    roleName: desired.roleName,
    arn: role.Arn ?? '',
    created: false,
    changes,
    policyArns,
    inlinePolicies,
    unlisted,
    warnings
  };
}
