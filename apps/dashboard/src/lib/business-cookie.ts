/** Which business the console shows when the user belongs to several (the switcher sets it, pages read it). */
export const BUSINESS_COOKIE = 'switchboard.business';
