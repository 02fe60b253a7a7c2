/** Uncaught errors in the page fail the test: collect them per page, assert none at the end. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface PageErrors {
  /** fails the test when the page threw anything so far */
  expectNone(): void;
}

export function watchPageErrors(...pages: Page[]): PageErrors {
  const errors: string[] = [];
  for (const page of pages) page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.stack ?? err.message}`));
  return { expectNone: () => expect(errors).toEqual([]) };
}

/** The visible texts of a list's items, in order, trimmed. */
export async function texts(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allInnerTexts()).map((s) => s.trim());
}
