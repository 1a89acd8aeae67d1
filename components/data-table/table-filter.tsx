'use client'

import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react'
import { ChevronDownIcon, FilterIcon } from './data-table-icons'

export type TableFilterOption = { value: string; label: string }

/** The filter's words, translated on the server. `#` in `selectedOne`/`selectedOther` stands for the count. */
export type TableFilterLabels = { selectedOne: string; selectedOther: string; clearSelection: string }

type TableFilterProps = {
  label: string
  options: readonly TableFilterOption[]
  selected: readonly string[]
  onChange: (values: string[]) => void
  labels: TableFilterLabels
}

const PANEL_WIDTH_PX = 256
const VIEWPORT_MARGIN_PX = 8

/**
 * A disclosure button that opens a group of checkboxes (the WAI-ARIA disclosure pattern): Tab moves
 * through the options, Space ticks one, Escape closes and returns focus to the button, and so do a
 * click or a Tab outside.
 */
export function TableFilter({ label, options, selected, onChange, labels }: TableFilterProps) {
  const [open, setOpen] = useState(false)
  const [offsetX, setOffsetX] = useState(0)
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const selectedSet = new Set(selected)

  useEffect(() => {
    if (!open) return
    function closeOnOutsidePointer(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', closeOnOutsidePointer)
    return () => document.removeEventListener('pointerdown', closeOnOutsidePointer)
  }, [open])

  function toggleOpen() {
    if (!open && buttonRef.current) {
      // Near the right edge of a phone the panel would leave the screen; shift it left just enough.
      // Measured before opening: once open, an overflowing panel would itself widen the viewport.
      const { left } = buttonRef.current.getBoundingClientRect()
      const width = Math.min(PANEL_WIDTH_PX, window.innerWidth - 2 * VIEWPORT_MARGIN_PX)
      setOffsetX(Math.min(0, window.innerWidth - VIEWPORT_MARGIN_PX - width - left))
    }
    setOpen(!open)
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && open) {
      event.stopPropagation()
      setOpen(false)
      buttonRef.current?.focus()
    }
  }

  // Tabbing out closes the panel. A null relatedTarget is a click on something unfocusable (an
  // option's label, say); clicks outside are left to the pointerdown listener.
  function onBlur(event: FocusEvent) {
    const next = event.relatedTarget as Node | null
    if (next && !rootRef.current?.contains(next)) setOpen(false)
  }

  function toggle(value: string) {
    // Keep the order of the options, so that the URL does not depend on the order of the clicks.
    const next = selectedSet.has(value) ? selected.filter((v) => v !== value) : [...selected, value]
    const order = new Map(options.map((option, index) => [option.value, index]))
    onChange(next.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)))
  }

  const count = selected.length

  return (
    <div ref={rootRef} className="relative" onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggleOpen}
        className={`inline-flex h-9 items-center gap-1.5 rounded-md border bg-white px-3 text-sm hover:bg-surface ${
          count > 0 ? 'border-brand-600 text-brand-800' : 'border-line text-ink'
        }`}
      >
        <FilterIcon className="size-3.5 text-muted" />
        <span>{label}</span>
        {count > 0 && (
          <span className="rounded bg-brand-700 px-1.5 text-xs font-semibold leading-5 text-white">
            <span aria-hidden="true">{count}</span>
            <span className="sr-only">
              , {(count === 1 ? labels.selectedOne : labels.selectedOther).replace('#', String(count))}
            </span>
          </span>
        )}
        <ChevronDownIcon className={`size-3.5 text-muted transition-transform ${open ? 'rotate-180' : ''}`} />
      </button>

      <div
        id={panelId}
        hidden={!open}
        style={{ width: PANEL_WIDTH_PX, left: offsetX }}
        className="absolute top-full z-30 mt-1 max-w-[calc(100vw-1rem)] rounded-md border border-line bg-white p-1 shadow-lg"
      >
        {/* The options are rendered once opened: closed, they were most of a list page's HTML (25 providers,
            25 procedures… as hidden checkboxes, bench/catalog.ts), and without JavaScript they do nothing. */}
        {open && (
          <fieldset>
            <legend className="sr-only">{label}</legend>
            <ul className="max-h-72 overflow-y-auto">
              {options.map((option) => (
                <li key={option.value}>
                  <label className="flex cursor-pointer items-center gap-2.5 rounded px-2 py-1.5 text-sm text-ink hover:bg-surface">
                    <input
                      type="checkbox"
                      checked={selectedSet.has(option.value)}
                      onChange={() => toggle(option.value)}
                      className="size-4 shrink-0 accent-brand-700"
                    />
                    {option.label}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        {open && count > 0 && (
          <div className="mt-1 border-t border-line pt-1">
            <button
              type="button"
              onClick={() => {
                onChange([])
                buttonRef.current?.focus()
              }}
              className="w-full rounded px-2 py-1.5 text-center text-sm text-brand-700 hover:bg-surface"
            >
              {labels.clearSelection}
            </button>
          </div>
        )}
      </div>
    </div>
  )
}
