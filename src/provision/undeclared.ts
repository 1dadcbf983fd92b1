/**
 * Values for variables the module does not declare: terraform goes on without them and only warns,
 * deep in the plan's log, naming the first few and folding the rest into "N other variable(s)
 * defined without being declared". Those of the `variables` input are found exactly from the saved
 * plan's declared variables; those of var-files (HCL, which is not parsed here) from the warnings,
 * the folded rest as a count.
 */
export class UndeclaredVariables {
  /** The lines of the warning being read, until the blank line that ends it. */
  private block: string[] | undefined;
  private readonly shown: { name: string; file: string }[] = [];
  private folded = 0;

  /**
   * Sees each line of `terraform plan`. Terraform wraps a warning's text at spaces, wherever they
   * fall (between `in file` and the path, or `named` and the name), so each warning is read whole.
   */
  watch(line: string): void {
    // Diagnostics may come boxed ("│ " before each line).
    const text = line.replace(/^\s*[│|]\s?/, '').trim();
    if (/^Warning: Values? for undeclared variables?$/.test(text)) {
      this.endBlock();
      this.block = [];
    } else if (this.block !== undefined) {
      if (text !== '') this.block.push(text);
      else if (this.block.length > 0) this.endBlock();
    }
  }

  private endBlock(): void {
    if (this.block === undefined) return;
    const text = this.block.join(' ');
    this.block = undefined;
    const named = /declare a variable named "([^"]+)" but a value was found in file "([^"]+)"/.exec(text);
    if (named) this.shown.push({ name: named[1] ?? '', file: named[2] ?? '' });
    const more = /(\d+) other variable\(s\)/.exec(text);
    if (more) this.folded = Number(more[1]);
  }

  /**
   * A warning per value terraform ignored, naming its input. `declared` is the module's variables
   * from the saved plan (undefined when the plan does not say: then the warnings alone are read).
   */
  warnings(
    variables: Record<string, unknown>,
    varFiles: string[],
    generated: string,
    declared: Set<string> | undefined
  ): string[] {
    this.endBlock();
    const fromInput =
      declared === undefined
        ? this.shown.filter((value) => value.file === generated).map((value) => value.name)
        : Object.keys(variables).filter((name) => !declared.has(name));
    const warnings = fromInput.map(
      (name) =>
        `Input 'variables': the module declares no variable '${name}', so terraform ignored its value.`
    );
    for (const { name, file } of this.shown.filter((value) => varFiles.includes(value.file)))
      warnings.push(
        `Input 'var-files': ${file} sets '${name}', which the module does not declare, so terraform ignored its value.`
      );
    // The folded rest less the input's values that terraform did not name.
    const inputShown = this.shown.filter((value) => value.file === generated).length;
    const rest = this.folded - (fromInput.length - inputShown);
    if (declared !== undefined && rest > 0)
      warnings.push(
        `Input 'var-files': ${rest} more value${rest === 1 ? '' : 's'} for variables the module does not declare, which terraform ignored (its log names only the first few; the count takes in the module's own terraform.tfvars and *.auto.tfvars too).`
      );
    return warnings;
  }
}
