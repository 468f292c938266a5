/** Injection token for the validated Config (see @switchboard/config). */
export const CONFIG = Symbol('CONFIG');
