/**
 * Values for variables the module does not declare: terraform goes on without them and only warns,
 * deep in the plan's log, naming the first few and folding the rest into "N other variable(s)
 * defined without being declared". Those of the `variables` input are found exactly from the saved
 * plan's declared variables; those of var-files (HCL, which is not parsed here) from the warnings,
 * the folded rest as a count.
 */
export class UndeclaredVariables {
  private name: string | undefined;
  private readonly shown: { name: string; file: string }[] = [];
  private folded = 0;

  /** Sees each line of `terraform plan`; the sentence is wrapped, the name before the file. */
  watch(line: string): void {
    const named = /declare a variable named "([^"]+)"/.exec(line);
    if (named) this.name = named[1];
    const file = /in file "([^"]+)"/.exec(line);
    if (this.name !== undefined && file) {
      this.shown.push({ name: this.name, file: file[1] ?? '' });
      this.name = undefined;
    }
    const more = /(\d+) other variable\(s\)/.exec(line);
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
        `Input 'var-files': ${rest} more value${rest === 1 ? '' : 's'} for variables the module does not declare, which terraform ignored (its log names only the first few).`
      );
    return warnings;
  }
}
