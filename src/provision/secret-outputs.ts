import { secretFragments } from '../io/secrets.js';
import type { Masker } from '../io/secrets.js';
import type { TerraformOutput } from '../terraform/outputs.js';
import { isSecretOutput, outputText, stringLeaves } from '../terraform/outputs.js';

/**
 * Masks secret outputs and remembers every fragment it masked, so that text bound for GitHub
 * (the PR comment, the job summary), where the runner's masking does not apply, can be redacted.
 */
export class SecretOutputs {
  readonly fragments = new Set<string>();

  constructor(private readonly mask: Masker) {}

  /**
   * Secrets that came in as inputs (the GitHub token, backend credentials): the action masked them
   * on arrival; remembered here so that the comment and the summary are redacted of them too.
   */
  rememberInputs(values: Iterable<string | undefined>): void {
    for (const value of values)
      if (value) for (const fragment of secretFragments(value)) this.fragments.add(fragment);
  }

  maskAll(outputs: TerraformOutput[]): void {
    // The whole value, and each string inside a structured one.
    for (const output of outputs.filter(isSecretOutput))
      this.maskValues([outputText(output.value), ...stringLeaves(output.value)]);
  }

  /** Masks each value with its secret lines, and remembers them, unless already masked. */
  maskValues(values: Iterable<string>): void {
    for (const text of values)
      for (const fragment of secretFragments(text)) {
        if (this.fragments.has(fragment)) continue;
        this.fragments.add(fragment);
        this.mask(fragment);
      }
  }
}
