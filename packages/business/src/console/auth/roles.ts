import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements, ownerAc } from 'better-auth/plugins/organization/access';

/** A member's role in one business, strongest first. */
export const CONSOLE_ROLES = ['owner', 'admin', 'agent', 'viewer'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

export const isConsoleRole = (v: unknown): v is ConsoleRole => CONSOLE_ROLES.includes(v as ConsoleRole);

/** Who may invite, change roles and remove members. */
export const MEMBER_MANAGERS: readonly ConsoleRole[] = ['owner', 'admin'];

// Better Auth's organization plugin checks its own permissions too (a second wall behind ConsoleSessionGuard): owners
// and admins keep its defaults, agents and viewers get no member or invitation rights.
export const accessControl = createAccessControl(defaultStatements);
export const roles = {
  owner: accessControl.newRole(ownerAc.statements),
  admin: accessControl.newRole(adminAc.statements),
  agent: accessControl.newRole({}),
  viewer: accessControl.newRole({}),
};
