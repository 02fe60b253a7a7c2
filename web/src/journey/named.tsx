/**
 * A short visible label with a fuller accessible name: "Edit" is announced as
 * "Edit: Site visit", so each of many like buttons can be told apart.
 * (A hidden suffix alone would be read as "Edit : Site visit".)
 */
export function Named({ text, detail }: { text: string; detail: string }) {
  return (
    <>
      <span aria-hidden="true">{text}</span>
      <span className="visually-hidden">
        {text}: {detail}
      </span>
    </>
  );
}
