/** The portal speaks Chilean Spanish and keeps Chilean time, whatever the server's locale. */
export const locale = 'es-CL'
export const timeZone = 'America/Santiago'
