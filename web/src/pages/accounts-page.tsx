/** Placeholder: being built. */
export function AccountsPage() {
  return <section className="page"><h1>AccountsPage</h1></section>;
}
