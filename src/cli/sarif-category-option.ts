import { InvalidArgumentError, Option } from 'commander';

/** Returns the `--sarif-category` option: the code-scanning category written to `runs[0].automationDetails.id`. */
export function sarifCategoryOption(defaultCategory: string): Option {
  // upload-sarif keeps an automationDetails.id already in the log and ignores its own `category` input, so
  // the category has to be choosable here (one per monorepo part, say).
  return new Option('--sarif-category <category>', `code-scanning category of the SARIF run (default: ${defaultCategory})`).argParser(parseCategory);
}

function parseCategory(value: string): string {
  const category = value.trim().replace(/\/+$/, '');
  if (!category) throw new InvalidArgumentError('a category needs at least one character besides slashes');
  return category;
}
