import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { messages } from './messages';

export type Language = 'vi' | 'en';

const LANGUAGE_KEY = 'language';

function resources(language: Language) {
  return Object.fromEntries(Object.entries(messages).map(([key, text]) => [key, text[language]]));
}

export function storedLanguage(): Language {
  return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'vi';
}

export async function setLanguage(language: Language): Promise<void> {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  dayjs.locale(language === 'vi' ? 'vi' : 'en');
  await i18next.changeLanguage(language);
}

export async function startI18n(): Promise<void> {
  const language = storedLanguage();
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: resources('vi') }, en: { translation: resources('en') } },
    lng: language,
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
  });
  await setLanguage(language);
}

/** A bilingual value from the API (titleVi/titleEn, nameVi/nameEn, vi/en) in the chosen language. */
export function pick(language: string, vi: string, en: string): string {
  return language === 'en' ? en : vi;
}
