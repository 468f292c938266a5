import { setPreference } from '../../lib/cookies';

/** The theme cookie the root layout reads (so the first paint is already right); unset follows the system. */
export const THEME_COOKIE = 'switchboard.theme';

export function toggleTheme(): void {
  const root = document.documentElement;
  const system = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  const next = (root.dataset.theme ?? system) === 'dark' ? 'light' : 'dark';
  root.dataset.theme = next;
  setPreference(THEME_COOKIE, next);
}
