import path from 'node:path'

/** The portal's node_modules, two folders up, serve this app too. */
const nextConfig = { poweredByHeader: false, turbopack: { root: path.resolve(import.meta.dirname, '../..') } }

export default nextConfig
