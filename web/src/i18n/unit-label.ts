import { pick } from './i18n';

/** A unit as officials read it: its name in the interface's language, then its code (the code alone when no name is known). */
export function unitLabel(language: string, id: string, name: { nameVi: string; nameEn: string } | null | undefined): string {
  return name ? `${pick(language, name.nameVi, name.nameEn)} (${id})` : id;
}
