import { z } from 'zod'
import type { ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from 'zod-openapi'
import { problemSchema } from '@/lib/http/problem'
import {
  configurationSchema,
  connectivityTestRequestSchema,
  connectivityTestResponseSchema,
  heartbeatRequestSchema,
  heartbeatResponseSchema,
  keySetSchema,
  NODE_API_BODY_LIMIT_BYTES,
} from './schemas'

const problemContent = { 'application/problem+json': { schema: problemSchema } }

const rateLimitHeaders = z.object({
  'RateLimit-Limit': z.string().meta({ description: 'Llamadas permitidas por minuto a este nodo.' }),
  'RateLimit-Remaining': z.string().meta({ description: 'Llamadas que le quedan en la ventana actual.' }),
  'RateLimit-Reset': z.string().meta({ description: 'Segundos hasta que la ventana se renueva.' }),
})

/** The refusals every authenticated node call may get. */
const nodeErrors: ZodOpenApiResponsesObject = {
  '401': {
    description: 'Credencial ausente, inválida, vencida, reemplazada, revocada, o de un nodo revocado.',
    headers: z.object({ 'WWW-Authenticate': z.string() }),
    content: problemContent,
  },
  '429': {
    description: 'El nodo superó su límite de llamadas por minuto.',
    headers: z.object({ 'Retry-After': z.string().meta({ description: 'Segundos a esperar.' }) }),
    content: problemContent,
  },
  '500': { description: 'Error inesperado (sin detalles internos).', content: problemContent },
}

const bodyErrors: ZodOpenApiResponsesObject = {
  '400': { description: 'El cuerpo no es JSON válido.', content: problemContent },
  '413': { description: `El cuerpo supera ${NODE_API_BODY_LIMIT_BYTES} bytes.`, content: problemContent },
  '415': { description: 'El cuerpo no es application/json.', content: problemContent },
  '422': { description: 'Campos inválidos; `errors` los nombra con JSON Pointer.', content: problemContent },
}

const nodeSecurity = [{ nodeCredential: [] }]

/** The node API's paths; lib/openapi/document.ts merges them with the other machine APIs'. */
export const nodePaths: ZodOpenApiPathsObject = {
  '/api/v1/node/configuration': {
    get: {
      operationId: 'getNodeConfiguration',
      tags: ['Nodos'],
      summary: 'Configuración firmada del nodo',
      description:
        'Devuelve un JWT (JWS compacto, ES256) cuyos claims son la configuración del nodo que llama: su ' +
        'institución, los servicios que puede consumir en su ambiente, los nodos autorizados a llamar los ' +
        'servicios de su institución y la versión mínima del software. Verifique la firma con /api/v1/keys. ' +
        'El ETag es la versión de la configuración: envíelo en If-None-Match y recibirá 304 mientras no cambie.',
      security: nodeSecurity,
      requestParams: {
        header: z.object({
          'If-None-Match': z.string().optional().meta({ description: 'El ETag de la configuración que ya tiene.' }),
        }),
      },
      responses: {
        '200': {
          description: 'La configuración, firmada. Los claims siguen el esquema NodeConfiguration.',
          headers: rateLimitHeaders.extend({ ETag: z.string() }),
          content: {
            'application/jwt': {
              schema: z
                .string()
                .meta({ description: 'JWS compacto (header.payload.firma) con claims NodeConfiguration.' }),
            },
          },
        },
        '304': { description: 'La configuración no cambió desde la versión indicada en If-None-Match.' },
        ...nodeErrors,
      },
    },
  },
  '/api/v1/node/heartbeat': {
    post: {
      operationId: 'postNodeHeartbeat',
      tags: ['Nodos'],
      summary: 'Latido del nodo',
      description: 'Informa versión, host, tiempo encendido y autodiagnóstico; actualiza el último latido del nodo.',
      security: nodeSecurity,
      requestBody: { required: true, content: { 'application/json': { schema: heartbeatRequestSchema } } },
      responses: {
        '200': {
          description: 'Latido registrado.',
          headers: rateLimitHeaders,
          content: { 'application/json': { schema: heartbeatResponseSchema } },
        },
        ...bodyErrors,
        ...nodeErrors,
      },
    },
  },
  '/api/v1/node/connectivity-tests': {
    post: {
      operationId: 'postNodeConnectivityTest',
      tags: ['Nodos'],
      summary: 'Informar una prueba de conectividad',
      description:
        'Registra una prueba que el nodo ejecutó contra el endpoint de un servicio que puede consumir en su ' +
        'ambiente. Queda en el caso de conexión correspondiente y cuenta para la lista de verificación de paso a producción.',
      security: nodeSecurity,
      requestBody: { required: true, content: { 'application/json': { schema: connectivityTestRequestSchema } } },
      responses: {
        '201': {
          description: 'Prueba registrada en el caso.',
          headers: rateLimitHeaders,
          content: { 'application/json': { schema: connectivityTestResponseSchema } },
        },
        '403': {
          description: 'El nodo no tiene acceso vigente a ese servicio en su ambiente.',
          content: problemContent,
        },
        ...bodyErrors,
        ...nodeErrors,
      },
    },
  },
  '/api/v1/keys': {
    get: {
      operationId: 'getPortalKeys',
      tags: ['Nodos'],
      summary: 'Claves públicas del portal (JWKS)',
      description: 'Las claves con que el portal firma las configuraciones de los nodos. Pública.',
      responses: {
        '200': {
          description: 'El conjunto de claves.',
          content: { 'application/jwk-set+json': { schema: keySetSchema } },
        },
      },
    },
  },
}

/** Schemas described in the document but carried inside another format (the JWT's claims). */
export const nodeSchemas = { NodeConfiguration: configurationSchema }

export const nodeSecuritySchemes = {
  nodeCredential: {
    type: 'http' as const,
    scheme: 'bearer',
    bearerFormat: 'pisee_<dev|prod>_<keyId>_<secreto>',
    description: 'Credencial del nodo, emitida por sus administradores técnicos en el portal.',
  },
}
