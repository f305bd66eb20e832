const KEY = 'vigil.dashboard.token';

/** The token lives for the browser tab's session only (CONTRACT §9: pasted once, kept for the session). */
export const tokenStore = {
  load: (): string | null => sessionStorage.getItem(KEY),
  save: (token: string): void => sessionStorage.setItem(KEY, token),
  clear: (): void => sessionStorage.removeItem(KEY),
};
