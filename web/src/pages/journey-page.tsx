/** Placeholder: being built. */
export function JourneyPage() {
  return <section className="page"><h1>JourneyPage</h1></section>;
}
