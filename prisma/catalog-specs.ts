/**
 * Small, real-looking specifications for the seeded catalog (and the catalog benchmark): an OpenAPI
 * 3.0 document for a REST service, a WSDL 1.1 for a SOAP one, built from the operations the seed
 * data lists. prisma/seed-catalog.test.ts checks that every one passes lib/catalog/specs.ts.
 */
type RestOperation = { method: string; path: string; summary: string | null }
type SoapOperation = { name: string; summary: string | null }

export type SpecSource = {
  code: string
  name: string
  description: string
  version: string
  devEndpoint: string
  prodEndpoint: string
  operations: (RestOperation | SoapOperation)[]
}

const camel = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join('')

export function openApiFor(s: SpecSource): string {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of s.operations) {
    if (!('method' in op)) continue
    const params = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }))
    const method = op.method.toLowerCase()
    paths[op.path] = {
      ...paths[op.path],
      [method]: {
        operationId: camel(`${method} ${op.path}`),
        summary: op.summary ?? undefined,
        parameters: params.length > 0 ? params : undefined,
        security: [{ pisee: [] }],
        responses: {
          [method === 'post' ? '201' : '200']: {
            description: op.summary ?? 'Respuesta',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Respuesta' } } },
          },
          '404': {
            description: 'No encontrado',
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problema' } } },
          },
        },
      },
    }
  }
  return JSON.stringify(
    {
      openapi: '3.0.3',
      info: { title: s.name, version: s.version, description: s.description },
      servers: [
        { url: s.prodEndpoint, description: 'Producción' },
        { url: s.devEndpoint, description: 'Desarrollo' },
      ],
      paths,
      components: {
        securitySchemes: { pisee: { type: 'http', scheme: 'bearer', description: 'Token del nodo PISEE' } },
        schemas: {
          Respuesta: { type: 'object', additionalProperties: true },
          Problema: {
            type: 'object',
            properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' } },
          },
        },
      },
    },
    null,
    2,
  )
}

const xml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

export function wsdlFor(s: SpecSource): string {
  const name = camel(s.code).replace(/^./, (c) => c.toUpperCase())
  const ns = `urn:pisee:${s.code.toLowerCase()}`
  const ops = s.operations.filter((o): o is SoapOperation => 'name' in o)
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="${name}" targetNamespace="${ns}"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:tns="${ns}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:documentation>${xml(s.name)} — ${xml(s.description)} (versión ${xml(s.version)})</wsdl:documentation>
  <wsdl:types>
    <xs:schema targetNamespace="${ns}" elementFormDefault="qualified">
${ops
  .map(
    (
      o,
    ) => `      <xs:element name="${o.name}Request"><xs:complexType><xs:sequence><xs:element name="run" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="${o.name}Response"><xs:complexType><xs:sequence><xs:element name="resultado" type="xs:string"/></xs:sequence></xs:complexType></xs:element>`,
  )
  .join('\n')}
    </xs:schema>
  </wsdl:types>
${ops
  .map(
    (
      o,
    ) => `  <wsdl:message name="${o.name}Input"><wsdl:part name="parameters" element="tns:${o.name}Request"/></wsdl:message>
  <wsdl:message name="${o.name}Output"><wsdl:part name="parameters" element="tns:${o.name}Response"/></wsdl:message>`,
  )
  .join('\n')}
  <wsdl:portType name="${name}PortType">
${ops
  .map(
    (o) => `    <wsdl:operation name="${o.name}">
      ${o.summary ? `<wsdl:documentation>${xml(o.summary)}</wsdl:documentation>` : ''}
      <wsdl:input message="tns:${o.name}Input"/>
      <wsdl:output message="tns:${o.name}Output"/>
    </wsdl:operation>`,
  )
  .join('\n')}
  </wsdl:portType>
  <wsdl:binding name="${name}Binding" type="tns:${name}PortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
${ops
  .map(
    (o) => `    <wsdl:operation name="${o.name}">
      <soap:operation soapAction="${ns}#${o.name}"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>`,
  )
  .join('\n')}
  </wsdl:binding>
  <wsdl:service name="${name}Service">
    <wsdl:port name="${name}Port" binding="tns:${name}Binding">
      <soap:address location="${xml(s.prodEndpoint)}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`
}

/** A JSON Schema or XSD for a seeded schema, listing its data elements as properties. */
export function schemaContentFor(s: {
  code: string
  name: string
  description: string
  format: 'JSON_SCHEMA' | 'XSD'
  version: string
  fields: string[]
}): string {
  const fields = s.fields.map(camel)
  if (s.format === 'JSON_SCHEMA') {
    return JSON.stringify(
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: `https://esquemas.pisee.gob.cl/${s.code.toLowerCase()}/${s.version}`,
        title: s.name,
        description: s.description,
        type: 'object',
        properties: Object.fromEntries(
          fields.map((f) => [
            f,
            f.startsWith('fecha')
              ? { type: 'string', format: 'date' }
              : f === 'run' || f === 'rut'
                ? { type: 'string', pattern: '^[0-9]{1,8}-[0-9Kk]$' }
                : { type: 'string' },
          ]),
        ),
        required: fields.slice(0, 1),
        additionalProperties: false,
      },
      null,
      2,
    )
  }
  const root = camel(s.name)
  return `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:pisee:esquemas:${s.code.toLowerCase()}"
    elementFormDefault="qualified" version="${xml(s.version)}">
  <xs:annotation><xs:documentation>${xml(s.name)}: ${xml(s.description)}</xs:documentation></xs:annotation>
  <xs:element name="${root}">
    <xs:complexType>
      <xs:sequence>
${fields.map((f) => `        <xs:element name="${f}" type="${f.startsWith('fecha') ? 'xs:date' : 'xs:string'}"/>`).join('\n')}
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
`
}
