// Runs eslint with eslint-plugin-security's recommended rules on the given files or directories, wherever
// they are (the CLI refuses files outside its config's directory and under node_modules).
import { dirname, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { ESLint } from 'eslint';
import security from 'eslint-plugin-security';

const paths = process.argv.slice(2).map((p) => resolve(p));
const dirs = paths.map((p) => (statSync(p).isDirectory() ? p : dirname(p)));
let cwd = dirs[0];
while (!dirs.every((d) => d === cwd || d.startsWith(`${cwd}/`))) cwd = dirname(cwd);
const eslint = new ESLint({
  cwd,
  ignore: false,
  overrideConfigFile: true,
  overrideConfig: [
    security.configs.recommended,
    { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  ],
});
const results = await eslint.lintFiles(paths);
const messages = results.reduce((sum, r) => sum + r.messages.length, 0);
process.stdout.write(`${results.length} files, ${messages} messages\n`);
