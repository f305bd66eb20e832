import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo, useState } from 'preact/hooks';
import type { CaseCategory, CaseSeverity, HotspotKind, MetricName, TargetStatus, UnitLevel } from '../api/types';
import { createFormat, type Format } from './format';
import { en, type Messages } from './messages-en';
import { vi } from './messages-vi';

export const LANGUAGES = { en: { name: 'English', locale: 'en-GB' }, vi: { name: 'Tiếng Việt', locale: 'vi-VN' } } as const;
export type Language = keyof typeof LANGUAGES;

const CATALOGUES: Record<Language, Messages> = { en, vi };

// The catalogue names every member of the API's vocabularies (a new one fails type-checking here).
type Names<K extends string> = Record<K, string>;
const _vocabularies: [
  Names<MetricName>,
  Names<TargetStatus>,
  Names<CaseCategory>,
  Names<CaseSeverity>,
  Names<HotspotKind>,
  Names<UnitLevel>,
] = [en.metric, en.status, en.category, en.severity, en.hotspotKind, en.level];

const STORAGE_KEY = 'vigil.dashboard.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && Object.hasOwn(LANGUAGES, value);
}

/** The saved choice, else the browser's first language we have, else English. */
function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  const preferred = navigator.languages.map((tag) => tag.slice(0, 2).toLowerCase()).find(isLanguage);
  return preferred ?? 'en';
}

export interface I18n {
  language: Language;
  t: Messages;
  format: Format;
  setLanguage(language: Language): void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const value = useMemo<I18n>(() => {
    document.documentElement.lang = language;
    return {
      language,
      t: CATALOGUES[language],
      format: createFormat(LANGUAGES[language].locale),
      setLanguage: (next) => {
        localStorage.setItem(STORAGE_KEY, next);
        setLanguageState(next);
      },
    };
  }, [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useI18n outside I18nProvider');
  return value;
}
