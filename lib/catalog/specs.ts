/**
 * Validation of what providers upload to the catalog, by kept parsers (docs/decisions/016-catalog.md):
 * a service's specification (OpenAPI 3 for REST, WSDL for SOAP) and a schema's content (JSON Schema,
 * XSD). A document that does not pass is refused with the parser's own reason; nothing is read from
 * the network (external references are not followed).
 */
import SwaggerParser from '@apidevtools/swagger-parser'
import Ajv from 'ajv'
import Ajv2019 from 'ajv/dist/2019.js'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { validateXML } from 'xmllint-wasm'
import { parse as parseYaml } from 'yaml'

/** Largest specification or schema accepted (bytes). */
export const MAX_SPEC_BYTES = 2 * 1024 * 1024

/** One operation of a service as read from its specification. */
export type Operation =
  { method: string; path: string; summary: string | null } | { name: string; summary: string | null }

export type SpecResult =
  | { ok: true; format: 'OPENAPI' | 'WSDL'; operations: Operation[]; version?: string; title?: string }
  | { ok: false; reason: string }

export type SchemaResult = { ok: true } | { ok: false; reason: string }

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const
const WSDL11 = 'http://schemas.xmlsoap.org/wsdl/'
const WSDL20 = 'http://www.w3.org/ns/wsdl'
const XSD = 'http://www.w3.org/2001/XMLSchema'

function decode(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    return null
  }
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.replace(/\s+/g, ' ').trim().slice(0, 500)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Validates a service's specification for its protocol: REST needs an OpenAPI 3 document (JSON or
 * YAML), SOAP a WSDL (1.1 or 2.0). Returns the operations it declares, or the parser's reason.
 */
export async function parseServiceSpec(bytes: Uint8Array, protocol: 'REST' | 'SOAP'): Promise<SpecResult> {
  if (bytes.byteLength === 0) return { ok: false, reason: 'El archivo está vacío.' }
  if (bytes.byteLength > MAX_SPEC_BYTES) return { ok: false, reason: 'El archivo supera los 2 MB.' }
  const text = decode(bytes)
  if (text === null) return { ok: false, reason: 'El archivo no es texto UTF-8.' }
  return protocol === 'REST' ? parseOpenApi(text) : parseWsdl(text)
}

async function parseOpenApi(text: string): Promise<SpecResult> {
  let document: unknown
  try {
    document = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 50 })
  } catch (error) {
    return { ok: false, reason: `No es JSON ni YAML legible: ${message(error)}` }
  }
  if (!isObject(document) || typeof document.openapi !== 'string' || !/^3\.\d+\.\d+/.test(document.openapi)) {
    return { ok: false, reason: 'No es un documento OpenAPI 3: falta el campo "openapi: 3.x.y".' }
  }
  let api: Record<string, unknown>
  try {
    api = (await SwaggerParser.validate(structuredClone(document) as never, {
      resolve: { external: false },
      dereference: { circular: 'ignore' },
    })) as unknown as Record<string, unknown>
  } catch (error) {
    return { ok: false, reason: `El documento OpenAPI no es válido: ${message(error)}` }
  }
  const operations: Operation[] = []
  const paths = isObject(api.paths) ? api.paths : {}
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue
    for (const method of HTTP_METHODS) {
      const op = item[method]
      if (!isObject(op)) continue
      const summary = [op.summary, op.operationId].find((s): s is string => typeof s === 'string' && s !== '')
      operations.push({ method: method.toUpperCase(), path, summary: summary ?? null })
    }
  }
  if (operations.length === 0) return { ok: false, reason: 'El documento OpenAPI no declara operaciones (paths).' }
  const info = isObject(api.info) ? api.info : {}
  return {
    ok: true,
    format: 'OPENAPI',
    operations,
    version: typeof info.version === 'string' ? info.version : undefined,
    title: typeof info.title === 'string' ? info.title : undefined,
  }
}

type XmlNode = Record<string, unknown>

/** The root element of a well-formed XML document with its namespace URI, or the parser's reason. */
function xmlRoot(text: string): { name: string; namespace: string | undefined; node: XmlNode } | { reason: string } {
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    return { reason: `El XML no está bien formado (línea ${valid.err.line}): ${valid.err.msg}` }
  }
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    processEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  }).parse(text) as Record<string, XmlNode[]>
  const rootName = Object.keys(parsed).find((k) => !k.startsWith('#') && !k.startsWith('?'))
  if (!rootName) return { reason: 'El XML no tiene elemento raíz.' }
  const node = parsed[rootName]?.[0] ?? {}
  const [prefix, local = rootName] = rootName.includes(':') ? rootName.split(':', 2) : [undefined, rootName]
  const ns = node[prefix ? `@xmlns:${prefix}` : '@xmlns']
  return { name: local, namespace: typeof ns === 'string' ? ns : undefined, node }
}

/** Children of an element by local name, whatever prefix they carry. */
function children(node: XmlNode, local: string): XmlNode[] {
  return Object.entries(node)
    .filter(([key]) => !key.startsWith('@') && key.replace(/^[^:]*:/, '') === local)
    .flatMap(([, value]) => (Array.isArray(value) ? value : [value]))
    .filter(isObject)
}

/** The text of an element's wsdl:documentation (a text-only element parses to a string). */
function documentation(node: XmlNode): string | null {
  const doc = Object.entries(node).find(([key]) => key.replace(/^[^:]*:/, '') === 'documentation')?.[1]
  const first: unknown = Array.isArray(doc) ? doc[0] : doc
  const text = isObject(first) ? first['#text'] : first
  return typeof text === 'string' && text.trim() !== '' ? text.trim().replace(/\s+/g, ' ') : null
}

function parseWsdl(text: string): SpecResult {
  const root = xmlRoot(text)
  if ('reason' in root) return { ok: false, reason: root.reason }
  const wsdl11 = root.name === 'definitions' && root.namespace === WSDL11
  const wsdl20 = root.name === 'description' && root.namespace === WSDL20
  if (!wsdl11 && !wsdl20) {
    return {
      ok: false,
      reason: `No es un WSDL: el elemento raíz debe ser wsdl:definitions (${WSDL11}) o wsdl:description (${WSDL20}).`,
    }
  }
  const interfaces = children(root.node, wsdl11 ? 'portType' : 'interface')
  const operations: Operation[] = interfaces.flatMap((i) =>
    children(i, 'operation').flatMap((op) =>
      typeof op['@name'] === 'string' ? [{ name: op['@name'], summary: documentation(op) }] : [],
    ),
  )
  if (operations.length === 0) {
    return {
      ok: false,
      reason: `El WSDL no declara operaciones (${wsdl11 ? 'portType/operation' : 'interface/operation'}).`,
    }
  }
  if (children(root.node, 'binding').length === 0 || children(root.node, 'service').length === 0) {
    return { ok: false, reason: 'El WSDL no declara binding y service: no dice cómo ni dónde se invoca.' }
  }
  const name = root.node['@name']
  return { ok: true, format: 'WSDL', operations, title: typeof name === 'string' ? name : undefined }
}

/** Validates a schema's content: a JSON Schema that ajv compiles, or an XSD that libxml2 compiles. */
export async function parseSchemaContent(text: string, format: 'JSON_SCHEMA' | 'XSD'): Promise<SchemaResult> {
  if (text.trim() === '') return { ok: false, reason: 'El contenido está vacío.' }
  if (new TextEncoder().encode(text).byteLength > MAX_SPEC_BYTES) {
    return { ok: false, reason: 'El contenido supera los 2 MB.' }
  }
  return format === 'JSON_SCHEMA' ? parseJsonSchema(text) : parseXsd(text)
}

function parseJsonSchema(text: string): SchemaResult {
  let schema: unknown
  try {
    schema = JSON.parse(text)
  } catch (error) {
    return { ok: false, reason: `No es JSON válido: ${message(error)}` }
  }
  if (!isObject(schema)) return { ok: false, reason: 'Un JSON Schema debe ser un objeto.' }
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : ''
  const options = { strict: false, allErrors: true, loadSchema: undefined }
  const ajv = dialect.includes('2020-12')
    ? new Ajv2020(options)
    : dialect.includes('2019-09')
      ? new Ajv2019(options)
      : new Ajv(options)
  addFormats(ajv)
  try {
    if (!ajv.validateSchema(schema)) {
      return { ok: false, reason: `El JSON Schema no es válido: ${ajv.errorsText(ajv.errors, { dataVar: 'schema' })}` }
    }
    ajv.compile(schema)
  } catch (error) {
    return { ok: false, reason: `El JSON Schema no es válido: ${message(error)}` }
  }
  return { ok: true }
}

async function parseXsd(text: string): Promise<SchemaResult> {
  const root = xmlRoot(text)
  if ('reason' in root) return { ok: false, reason: root.reason }
  if (root.name !== 'schema' || root.namespace !== XSD) {
    return { ok: false, reason: `No es un XSD: el elemento raíz debe ser xs:schema (${XSD}).` }
  }
  // libxml2 compiles the schema before validating a probe document against it: a schema that does
  // not compile throws with the compiler's reason; a probe that does not match is expected.
  try {
    await validateXML({
      xml: { fileName: 'probe.xml', contents: '<probe/>' },
      schema: { fileName: 'schema.xsd', contents: text },
      modifyArguments: (args) => ['--nonet', ...args],
    })
  } catch (error) {
    const reason = message(error)
      .replace(/WXS schema schema\.xsd failed to compile/, '')
      .trim()
    return { ok: false, reason: `El XSD no es válido: ${reason}` }
  }
  return { ok: true }
}
