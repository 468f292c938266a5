/**
 * Sets a cookie the dashboard's server reads on the next request (the business picked, the theme): preferences, not
 * credentials (the session cookie is httpOnly and only the API sets it).
 */
export function setPreference(name: string, value: string, maxAgeSeconds = 31_536_000): void {
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser the console supports
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=${maxAgeSeconds}; samesite=lax`;
}
