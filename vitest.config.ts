import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests call server code directly.
      // next-auth imports 'next/server', which Node's ESM resolution only finds with its extension.
      'next/server': 'next/server.js',
      'server-only': path.resolve(import.meta.dirname, 'test/support/empty-module.ts'),
    },
  },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**', '.data/**'],
    // Bundled, so that the 'next/server' alias above applies inside it.
    server: { deps: { inline: ['next-auth'] } },
    globalSetup: ['test/support/global-setup.ts'],
    // Integration tests share one database per run; files run one after another against it.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
