import path from 'node:path'
import { defineConfig } from 'prisma/config'

// The URL is only read by Prisma CLI commands that talk to a database; generation needs none.
export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  datasource: { url: process.env.DATABASE_URL ?? '' },
})
