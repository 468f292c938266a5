/** Injection token for the validated Config (see @switchboard/config). */
export const CONFIG = Symbol('CONFIG');

/** Injection token for the process kind ('api' | 'worker') InfraModule was built for. */
export const NODE_KIND = Symbol('NODE_KIND');
