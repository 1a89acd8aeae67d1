/** The thin blue-and-red band that opens every page of the Chilean government. */
export function GovBar() {
  return (
    <div aria-hidden="true" className="flex h-1.5">
      <span className="w-1/3 bg-brand-600" />
      <span className="w-2/3 bg-accent-600" />
    </div>
  )
}
