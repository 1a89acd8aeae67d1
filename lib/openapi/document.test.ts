import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import SwaggerParser from '@apidevtools/swagger-parser'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from './document'

/** Every method of every route handler under app/api/v1: a new machine endpoint must be described to pass. */
function machineEndpoints(): [method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string][] {
  const root = path.resolve(import.meta.dirname, '../../app')
  const found: ['get' | 'post' | 'put' | 'patch' | 'delete', string][] = []
  for (const file of readdirSync(path.join(root, 'api/v1'), { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('route.ts')) continue
    const source = readFileSync(path.join(root, 'api/v1', file), 'utf8')
    const route = '/api/v1/' + path.dirname(file).split(path.sep).join('/')
    for (const [, method] of source.matchAll(
      /export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g,
    )) {
      found.push([method!.toLowerCase() as 'get', route.replace(/\[([^\]]+)\]/g, '{$1}')])
    }
  }
  return found
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const document = openApiDocument()
    expect(document.openapi).toBe('3.1.0')
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy()
  })

  it('lists every node endpoint, with the credential, its answers and problem+json errors', () => {
    const document = openApiDocument()
    const endpoints = machineEndpoints()
    expect(endpoints).toEqual(
      expect.arrayContaining([
        ['get', '/api/v1/node/configuration'],
        ['post', '/api/v1/node/heartbeat'],
        ['post', '/api/v1/node/connectivity-tests'],
        ['get', '/api/v1/keys'],
      ]),
    )
    for (const [method, route] of endpoints) {
      expect(document.paths?.[route]?.[method], `${method.toUpperCase()} ${route}`).toBeDefined()
    }
    const heartbeat = document.paths!['/api/v1/node/heartbeat']!.post!
    expect(heartbeat.security).toEqual([{ nodeCredential: [] }])
    expect(Object.keys(heartbeat.responses!)).toEqual(
      expect.arrayContaining(['200', '400', '401', '413', '422', '429']),
    )
    expect(heartbeat.responses!['429']).toMatchObject({ content: { 'application/problem+json': {} } })
    expect(document.components?.schemas).toHaveProperty('NodeConfiguration')
    expect(document.components?.schemas).toHaveProperty('HeartbeatRequest')
    expect(document.components?.securitySchemes).toHaveProperty('nodeCredential')
  })

  it('describes a request body exactly as the route validates it', () => {
    const schema = openApiDocument().components!.schemas!.ConnectivityTestRequest as {
      required: string[]
      additionalProperties: boolean
    }
    expect(schema.required).toEqual(expect.arrayContaining(['serviceCode', 'outcome', 'latencyMs', 'ranAt']))
    expect(schema.additionalProperties).toBe(false)
  })
})
