/** Placeholder: being built. */
export function AccountPage() {
  return <section className="page"><h1>AccountPage</h1></section>;
}
