import SwaggerParser from '@apidevtools/swagger-parser'
import { describe, expect, it } from 'vitest'
import { createDocument } from 'zod-openapi'
import { catalogPaths, catalogSecuritySchemes, catalogTag } from './openapi'

describe('the catalog API in OpenAPI', () => {
  it('builds a valid OpenAPI 3.1 document listing the six catalog endpoints', async () => {
    // lib/openapi/document.ts (the node API branch) merges catalogPaths the same way.
    const document = createDocument({
      openapi: '3.1.0',
      info: { title: 'Portal PISEE', version: '1.0.0' },
      tags: [catalogTag],
      paths: { ...catalogPaths },
      components: { securitySchemes: catalogSecuritySchemes },
    })
    const validated = await SwaggerParser.validate(structuredClone(document) as never)
    expect(Object.keys(validated.paths ?? {}).sort()).toEqual([
      '/api/v1/catalog/data-elements',
      '/api/v1/catalog/data-elements/{id}',
      '/api/v1/catalog/schemas',
      '/api/v1/catalog/schemas/{id}',
      '/api/v1/catalog/services',
      '/api/v1/catalog/services/{id}',
    ])
    const list = document.paths?.['/api/v1/catalog/services']?.get
    expect(list?.parameters?.map((p) => ('name' in p ? p.name : ''))).toEqual(
      expect.arrayContaining(['q', 'limit', 'cursor', 'provider', 'status', 'protocol', 'procedure']),
    )
    expect(document.components?.schemas?.CatalogService).toBeDefined()
  })
})
