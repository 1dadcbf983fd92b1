/**
 * The `image` input, checked against the grammar the kubelet parses it with (the distribution
 * reference grammar). The API server stores any non-empty image, so a malformed one would only show
 * as an InvalidImageName pod, after the service account was written and token mode had run, and be
 * reported as a failed pod rather than as this input.
 */
import { UserError } from '../io/errors.js';

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::${TAG})?(?:@${DIGEST})?$`);
// The grammar's limit on the name (domain and path, without tag or digest).
const NAME_MAX = 255;

export function imageReference(value: string, input: string): string {
  const match = REFERENCE.exec(value);
  const name = match?.[1] ?? '';
  if (!match || name.length > NAME_MAX)
    throw new UserError(
      `'${value}' is not an image reference ([registry/]repository[:tag][@digest], the repository in lower case).`,
      input
    );
  return value;
}
