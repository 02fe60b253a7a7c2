/** Placeholder: being built. */
export function BoardPage() {
  return <section className="page"><h1>BoardPage</h1></section>;
}
