/**
 * The internal note of a publication (seeds/004 §8.1, step 5): what the reviewer enabled in the
 * development environment and what they recommend, with the approvals of the lead and the head. Laid
 * out with the portal's PDF helpers (lib/pdf/layout.ts); rendered once, on the head's approval, and
 * kept (the requester receives those bytes).
 */
import { createTranslator } from 'next-intl'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { formatDateTime } from '@/lib/dates'
import { locale } from '@/lib/i18n/config'
import { messages } from '@/lib/i18n/messages'
import { BRAND, FOOTER_Y, MARGIN, MUTED, Writer } from '@/lib/pdf/layout'
import type { NoteContent } from './requests'

const t = createTranslator({ locale, messages, namespace: 'review.pdf' })
const tKind = createTranslator({ locale, messages, namespace: 'review.kind' })

export async function renderNotePdf(note: NoteContent): Promise<Uint8Array> {
  const at = note.head.at ?? note.lead.at ?? note.author.at ?? note.requestedAt
  const doc = await PDFDocument.create({ updateMetadata: false })
  doc.setTitle(t('title', { number: note.number }))
  doc.setSubject(`${note.subject.name} (${note.subject.code})`)
  doc.setAuthor(t('author'))
  doc.setCreator(t('author'))
  doc.setProducer(t('author'))
  doc.setLanguage('es-CL')
  doc.setCreationDate(at)
  doc.setModificationDate(at)

  const w = new Writer(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
  )
  w.text(t('network'), { size: 9, color: BRAND, font: w.bold, after: 4 })
  w.text(t('title', { number: note.number }), { size: 16, font: w.bold, after: 2 })
  w.text(
    `${tKind(note.kind)} · ${note.subject.name} (${note.subject.code}) · ${t('version', { version: note.subject.version })}`,
    {
      color: MUTED,
      after: 4,
    },
  )
  w.rule()
  const section = (title: string, body: string) => {
    w.ensure(40)
    w.text(title, { font: w.bold, after: 3 })
    w.text(body, { after: 10 })
  }
  section(
    t('request'),
    t('requestText', {
      institution: note.institutionName,
      name: note.requestedByName,
      at: formatDateTime(note.requestedAt),
      note: note.requestNote,
    }),
  )
  section(
    t('development'),
    note.devEndpoint ? t('developmentText', { endpoint: note.devEndpoint }) : t('developmentNone'),
  )
  section(t('activities'), note.activities)
  section(t('recommendations'), note.recommendations ?? t('recommendationsNone'))
  w.rule()
  const signed = (role: string, who: { name: string; at: Date | null }) =>
    w.text(t('signed', { role, name: who.name, at: who.at ? formatDateTime(who.at) : '—' }), { after: 3 })
  signed(t('roles.author'), note.author)
  signed(t('roles.lead'), note.lead)
  signed(t('roles.head'), note.head)

  const pages = doc.getPages()
  for (const [i, page] of pages.entries()) {
    page.drawText(t('footer', { number: note.number, page: i + 1, pages: pages.length }), {
      x: MARGIN,
      y: FOOTER_Y,
      size: 8,
      font: w.regular,
      color: MUTED,
    })
  }
  return doc.save({ useObjectStreams: false })
}
