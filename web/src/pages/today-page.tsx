/** Placeholder: being built. */
export function TodayPage() {
  return <section className="page"><h1>TodayPage</h1></section>;
}
