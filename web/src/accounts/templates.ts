/** The org's process templates, and stage names in the user's language. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client.ts';
import type { Localized, Template } from '../api/types.ts';

export const TEMPLATES_KEY = ['process-templates'];

export function useTemplates() {
  return useQuery({
    queryKey: TEMPLATES_KEY,
    queryFn: () => get<{ items: Template[] }>('/process-templates').then((r) => r.items),
    staleTime: 60_000,
  });
}

export const localized = (text: Localized, lang: string): string => (lang === 'en' ? text.en : text.sv);

/** A stage key's name: the built-in B2B process first, then the consumer one, then the org's own. */
export function useStageName(): (key: string) => string {
  const { i18n } = useTranslation();
  const templates = useTemplates().data ?? [];
  const order = [...templates].sort((a, b) => rank(a) - rank(b));
  return (key: string) => {
    for (const tpl of order) {
      const stage = tpl.stages.find((s) => s.key === key);
      if (stage) return localized(stage.name, i18n.language);
    }
    return key;
  };
}

const rank = (t: Template) => (t.key === 'b2b' ? 0 : t.key === 'consumer' ? 1 : 2);
