import { describe, expect, it } from 'vitest'
import { parseSchemaContent, parseServiceSpec } from './specs'

const bytes = (text: string) => new TextEncoder().encode(text)

const OPENAPI_YAML = `openapi: 3.0.3
info:
  title: Certificado de nacimiento
  version: 2.1.0
paths:
  /certificados/nacimiento/{run}:
    get:
      summary: Obtiene el certificado de nacimiento de una persona
      parameters:
        - name: run
          in: path
          required: true
          schema: { type: string }
      responses:
        '200':
          description: El certificado
  /certificados/nacimiento:
    post:
      operationId: solicitarCertificado
      responses:
        '202':
          description: Solicitud recibida
`

const WSDL = `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="ConsultaRut" targetNamespace="urn:sii:rut"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:tns="urn:sii:rut" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:message name="ConsultarRequest"><wsdl:part name="rut" type="xs:string"/></wsdl:message>
  <wsdl:message name="ConsultarResponse"><wsdl:part name="razonSocial" type="xs:string"/></wsdl:message>
  <wsdl:portType name="ConsultaRutPort">
    <wsdl:operation name="ConsultarContribuyente">
      <wsdl:documentation>Situación tributaria de un contribuyente</wsdl:documentation>
      <wsdl:input message="tns:ConsultarRequest"/><wsdl:output message="tns:ConsultarResponse"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="ConsultaRutBinding" type="tns:ConsultaRutPort">
    <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
  </wsdl:binding>
  <wsdl:service name="ConsultaRutService">
    <wsdl:port name="ConsultaRutPort" binding="tns:ConsultaRutBinding">
      <soap:address location="https://ws.sii.cl/consulta-rut"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>`

describe('parseServiceSpec', () => {
  it('reads the operations, version and title of a valid OpenAPI 3 document (YAML or JSON)', async () => {
    const result = await parseServiceSpec(bytes(OPENAPI_YAML), 'REST')
    expect(result).toEqual({
      ok: true,
      format: 'OPENAPI',
      version: '2.1.0',
      title: 'Certificado de nacimiento',
      operations: [
        {
          method: 'GET',
          path: '/certificados/nacimiento/{run}',
          summary: 'Obtiene el certificado de nacimiento de una persona',
        },
        { method: 'POST', path: '/certificados/nacimiento', summary: 'solicitarCertificado' },
      ],
    })
    const json = JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'x', version: '1' },
      paths: { '/a': { get: { responses: { 200: { description: 'ok' } } } } },
    })
    expect(await parseServiceSpec(bytes(json), 'REST')).toMatchObject({ ok: true, operations: [{ path: '/a' }] })
  })

  it("refuses what is not valid OpenAPI 3 with the parser's reason", async () => {
    const swagger2 = await parseServiceSpec(bytes('swagger: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}'), 'REST')
    expect(swagger2).toEqual({ ok: false, reason: expect.stringContaining('OpenAPI 3') })

    const broken = await parseServiceSpec(bytes(OPENAPI_YAML.replace("'200':", "'abc':")), 'REST')
    expect(broken.ok).toBe(false)
    expect(!broken.ok && broken.reason).toMatch(/^El documento OpenAPI no es válido: .+/)

    const noInfo = await parseServiceSpec(bytes('{"openapi":"3.0.0","paths":{}}'), 'REST')
    expect(noInfo).toMatchObject({ ok: false, reason: expect.stringMatching(/info/) })

    expect(await parseServiceSpec(bytes('{ nope'), 'REST')).toMatchObject({ ok: false })
    expect(await parseServiceSpec(new Uint8Array([0xff, 0xfe, 0x00]), 'REST')).toEqual({
      ok: false,
      reason: 'El archivo no es texto UTF-8.',
    })
    expect(await parseServiceSpec(new Uint8Array(), 'REST')).toEqual({ ok: false, reason: 'El archivo está vacío.' })
  })

  it('does not follow external references', async () => {
    const doc = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'x', version: '1' },
      paths: { '/a': { $ref: 'http://127.0.0.1:9/paths.json' } },
    })
    expect(await parseServiceSpec(bytes(doc), 'REST')).toMatchObject({ ok: false })
  })

  it('reads the operations of a WSDL 1.1 and refuses other XML', async () => {
    expect(await parseServiceSpec(bytes(WSDL), 'SOAP')).toEqual({
      ok: true,
      format: 'WSDL',
      title: 'ConsultaRut',
      operations: [{ name: 'ConsultarContribuyente', summary: 'Situación tributaria de un contribuyente' }],
    })
    expect(await parseServiceSpec(bytes(WSDL.replace('</wsdl:definitions>', '')), 'SOAP')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^El XML no está bien formado/),
    })
    expect(await parseServiceSpec(bytes('<html><body/></html>'), 'SOAP')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^No es un WSDL/),
    })
    // An OpenAPI document uploaded for a SOAP service is not a WSDL.
    expect(await parseServiceSpec(bytes(OPENAPI_YAML), 'SOAP')).toMatchObject({ ok: false })
  })
})

describe('parseSchemaContent', () => {
  it('accepts a JSON Schema ajv compiles and refuses one it does not, with the reason', async () => {
    const persona = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        run: { type: 'string', pattern: '^[0-9]+-[0-9kK]$' },
        nacimiento: { type: 'string', format: 'date' },
      },
      required: ['run'],
    }
    expect(await parseSchemaContent(JSON.stringify(persona), 'JSON_SCHEMA')).toEqual({ ok: true })
    expect(await parseSchemaContent(JSON.stringify({ type: 'object' }), 'JSON_SCHEMA')).toEqual({ ok: true })

    const wrongType = await parseSchemaContent(JSON.stringify({ type: 'objeto' }), 'JSON_SCHEMA')
    expect(wrongType).toMatchObject({ ok: false, reason: expect.stringMatching(/^El JSON Schema no es válido: .+/) })
    const badRef = await parseSchemaContent(JSON.stringify({ $ref: '#/definitions/none' }), 'JSON_SCHEMA')
    expect(badRef).toMatchObject({ ok: false, reason: expect.stringContaining('none') })
    expect(await parseSchemaContent('[1,2', 'JSON_SCHEMA')).toMatchObject({ ok: false })
  })

  it('accepts an XSD libxml2 compiles and refuses one it does not, with the reason', async () => {
    const xsd = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:pisee:persona">
  <xs:element name="persona"><xs:complexType><xs:sequence>
    <xs:element name="run" type="xs:string"/><xs:element name="nombre" type="xs:string"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>`
    expect(await parseSchemaContent(xsd, 'XSD')).toEqual({ ok: true })
    const invalid = await parseSchemaContent(xsd.replace('<xs:sequence>', '<xs:sequense>'), 'XSD')
    expect(invalid).toMatchObject({ ok: false })
    const bad = await parseSchemaContent(
      xsd.replace('type="xs:string"/><xs:element', 'type="xs:nada"/><xs:element'),
      'XSD',
    )
    expect(bad).toMatchObject({ ok: false, reason: expect.stringMatching(/^El XSD no es válido: .*nada/) })
    expect(await parseSchemaContent('<root/>', 'XSD')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^No es un XSD/),
    })
  })
})
