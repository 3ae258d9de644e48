import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The layers (README.md, "Architecture"): shared/ under both the CLI and the page; the page imports
// nothing of the CLI; the CLI starts the page only through ui/index.ts; test/ and bench/ may
// import anything. Paths are resolved (not matched as text), so every way of spelling one counts.
export const layerZones = [
  {
    target: './shared',
    from: ['./orchestrator', './ui', './bench', './test'],
    message: 'shared/ is the layer under the CLI and the page: it imports only itself and packages.',
  },
  {
    target: './ui',
    from: ['./orchestrator', './bench'],
    message: 'The page imports nothing of the CLI or the benchmarks: what both need belongs in shared/.',
  },
  {
    target: './orchestrator',
    from: './ui',
    except: ['./index.ts'],
    message: 'The CLI reaches the page only through its public entry, ui/index.ts.',
  },
  {
    target: './orchestrator',
    from: './bench',
    message: 'The CLI does not import the benchmarks (bench/ imports the CLI, not the other way round).',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', '.tally/', 'ui/static/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs'] })],
      // no-cycle reads the imported files themselves: with this parser, TypeScript ones too.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js', '.mjs'],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: layerZones }],
      'import-x/no-cycle': 'error',
    },
  },
);
