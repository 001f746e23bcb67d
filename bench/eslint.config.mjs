// The reference configuration the speed benchmark runs: eslint-plugin-security's recommended rules.
import security from 'eslint-plugin-security';

export default [
  security.configs.recommended,
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
];
