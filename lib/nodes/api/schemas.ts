/**
 * The node API's bodies: these zod schemas validate the requests (and the simulator checks the
 * answers with them) and are what the OpenAPI document is generated from (lib/nodes/api/openapi.ts).
 * Descriptions are Spanish: they are read by the institutions' technical teams.
 */
import { z } from 'zod'
import 'zod-openapi'

/** How configurations are signed; shared by the portal and nodes (the simulator). */
export const SIGNING_ALGORITHM = 'ES256'
/** The JWT `typ` of a node configuration (RFC 8725 §3.11: explicit typing). */
export const CONFIGURATION_JWT_TYPE = 'pisee-node-config+jwt'
export const CONFIGURATION_ISSUER = 'portal-pisee'
/** The largest body a node may send: heartbeats and test reports are a few hundred bytes. */
export const NODE_API_BODY_LIMIT_BYTES = 64 * 1024

/**
 * Text a node sends that the portal stores: no NUL character (PostgreSQL keeps neither a NUL in text
 * nor a \u0000 escape in jsonb, so it would be a 500 rather than a refusal).
 */
const text = () => z.string().regex(/^[^\u0000]*$/, 'No puede contener el carácter NUL (\\u0000)')

const environment = z.enum(['DEVELOPMENT', 'PRODUCTION']).meta({
  id: 'NodeEnvironment',
  description: 'Ambiente del nodo: desarrollo o producción.',
})

const version = z
  .string()
  .regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}(?:[-+][0-9A-Za-z.-]{1,40})?$/, 'Versión con formato MAYOR.MENOR.PARCHE')
  .meta({ description: 'Versión del software del nodo (semver).', example: '2.1.0' })

const institution = z
  .object({
    id: z.string(),
    rut: z.string().meta({ example: '61002000-3' }),
    name: z.string(),
  })
  .meta({ id: 'NodeConfigurationInstitution' })

const agreement = z
  .object({
    id: z.string(),
    endsOn: z.iso
      .date()
      .nullable()
      .meta({ description: 'Último día de vigencia (fecha de Chile); null si es indefinido.' }),
  })
  .nullable()
  .meta({
    id: 'NodeConfigurationAgreement',
    description: 'El acuerdo que sostiene el acceso; null si el servicio no requiere acuerdo o en desarrollo.',
  })

export const configurationSchema = z
  .object({
    version: z.string().meta({ description: 'Huella del contenido: cambia si y solo si cambia la configuración.' }),
    minimumNodeVersion: z.string().meta({ example: '2.0.0' }),
    institution,
    node: z.object({ id: z.string(), name: z.string(), environment }),
    services: z
      .array(
        z.object({
          provider: institution,
          serviceCode: z.string(),
          serviceName: z.string(),
          serviceVersion: z.string(),
          protocol: z.string(),
          endpoint: z.string().nullable().meta({ description: 'Dirección del servicio en el ambiente del nodo.' }),
          caseNumber: z.number().int(),
          agreement,
        }),
      )
      .meta({ description: 'Servicios que este nodo puede consumir en su ambiente.' }),
    consumers: z
      .array(
        z.object({
          consumer: institution,
          node: z.object({ id: z.string(), name: z.string() }),
          serviceCode: z.string(),
          caseNumber: z.number().int(),
          agreement,
        }),
      )
      .meta({ description: 'Nodos de otras instituciones autorizados a llamar los servicios de esta institución.' }),
  })
  .meta({
    id: 'NodeConfiguration',
    description:
      'Lo que un nodo necesita para operar. Viaja como claims de un JWT (JWS compacto ES256, `typ` ' +
      '`pisee-node-config+jwt`, `iss` `portal-pisee`, `sub` el id del nodo, vigente 24 h) firmado con la ' +
      'clave publicada en /api/v1/keys.',
  })
export type NodeConfiguration = z.infer<typeof configurationSchema>

export const heartbeatRequestSchema = z
  .object({
    version,
    hostName: z
      .string()
      .trim()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.-]+$/, 'Nombre de host inválido')
      .meta({ example: 'nodo-dev-01.servicio.gob.cl' }),
    uptimeSeconds: z.number().int().min(0).max(2_147_483_647).meta({ example: 86_400 }),
    selfChecks: z
      .array(
        z.object({
          name: text().trim().min(1).max(64).meta({ example: 'certificado-tls' }),
          status: z.enum(['OK', 'WARN', 'FAIL']),
          detail: text().max(500).optional(),
        }),
      )
      .max(50)
      .default([]),
  })
  .strict()
  .meta({ id: 'HeartbeatRequest', description: 'Latido del nodo: versión, host, tiempo encendido y autodiagnóstico.' })

export const heartbeatResponseSchema = z
  .object({
    receivedAt: z.iso.datetime(),
    minimumNodeVersion: z.string(),
    updateRequired: z.boolean().meta({ description: 'true si la versión informada es menor que la mínima.' }),
  })
  .meta({ id: 'HeartbeatResponse' })

export const connectivityTestRequestSchema = z
  .object({
    serviceCode: text().trim().min(1).max(100).meta({ example: 'SRCEI-CERT-NAC' }),
    outcome: z.enum(['PASSED', 'FAILED']),
    latencyMs: z.number().int().min(0).max(600_000).meta({ example: 184 }),
    ranAt: z.iso.datetime({ offset: true }).meta({ example: '2026-11-30T14:05:00Z' }),
    detail: text().max(1000).optional().meta({ description: 'Detalle del resultado (código HTTP, error…).' }),
  })
  .strict()
  .meta({
    id: 'ConnectivityTestRequest',
    description: 'Prueba de conectividad que el nodo ejecutó contra el endpoint de un proveedor en su ambiente.',
  })

export const connectivityTestResponseSchema = z
  .object({
    id: z.string(),
    caseNumber: z.number().int(),
    serviceCode: z.string(),
    outcome: z.enum(['PASSED', 'FAILED']),
    ranAt: z.iso.datetime(),
    source: z.literal('NODE'),
  })
  .meta({ id: 'ConnectivityTestResponse' })

/** A JWK Set (RFC 7517) with the public keys that sign configurations. */
export const keySetSchema = z
  .object({
    keys: z.array(
      z
        .object({
          kty: z.string(),
          kid: z.string(),
          alg: z.string().optional(),
          use: z.string().optional(),
          crv: z.string().optional(),
          x: z.string().optional(),
          y: z.string().optional(),
        })
        .loose(),
    ),
  })
  .meta({ id: 'JsonWebKeySet', description: 'Claves públicas del portal (JWKS) para verificar configuraciones.' })
