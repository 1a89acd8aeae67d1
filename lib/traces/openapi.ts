import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { problemSchema } from '@/lib/http/problem'
import { MAX_BATCH_RECORDS, traceBatchSchema } from './schemas'

/** The trace registry's node API for the portal's OpenAPI document (lib/openapi/document.ts). */

const answerSchema = z
  .object({
    received: z.number().int().meta({ description: 'Registros del lote.' }),
    stored: z
      .number()
      .int()
      .meta({ description: 'De ellos, guardados (ahora o por un envío anterior del mismo lote).' }),
    withoutGrant: z
      .number()
      .int()
      .meta({ description: 'Guardados sin autorización de acceso vigente a su fecha (se avisa a la DGD).' }),
    batches: z.array(z.string()).meta({ description: 'Los lotes de la cadena que los contienen.' }),
  })
  .meta({ id: 'TraceBatchAnswer' })

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
})

export const tracePaths: ZodOpenApiPathsObject = {
  '/api/v1/node/traces': {
    post: {
      operationId: 'reportTraces',
      tags: ['Trazabilidad'],
      summary: 'Informar un lote de registros de trazabilidad',
      description:
        `Hasta ${MAX_BATCH_RECORDS} registros de intercambios de los que la institución del nodo es parte. ` +
        'El lote se valida completo: un registro inválido rechaza el lote y no se guarda ninguno. ' +
        'Reenviar el mismo lote (mismos identificadores de traza y fechas) no guarda nada dos veces y responde lo mismo. ' +
        'La respuesta llega después de que los registros quedaron guardados. El RUN de la persona se guarda solo como HMAC.',
      security: [{ nodeCredential: [] }],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: traceBatchSchema(new Date()).meta({ id: 'TraceBatch' }) } },
      },
      responses: {
        '200': { description: 'Lote guardado.', content: { 'application/json': { schema: answerSchema } } },
        '400': problem('El cuerpo no es JSON.'),
        '401': problem('Credencial ausente, inválida, vencida o revocada.'),
        '403': problem('El lote tiene intercambios de los que la institución del nodo no es parte.'),
        '413': problem('El cuerpo es demasiado grande.'),
        '415': problem('El cuerpo no se envió como application/json.'),
        '422': problem('Registros inválidos: un error por registro y campo (`pointer`).'),
      },
    },
  },
}
