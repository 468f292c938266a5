/**
 * The console's pages, in the navigation's order. Only pages that exist are listed: a new page adds its entry here
 * (and its folder under app/(console)/).
 */
export const CONSOLE_PAGES = [
  { key: 'overview', href: '/overview', label: 'Overview' },
  { key: 'inbox', href: '/inbox', label: 'Inbox' },
  { key: 'campaigns', href: '/campaigns', label: 'Campaigns' },
  { key: 'contacts', href: '/contacts', label: 'Contacts' },
  { key: 'templates', href: '/templates', label: 'Templates' },
  { key: 'flows', href: '/flows', label: 'Flows' },
  { key: 'members', href: '/members', label: 'Members' },
  { key: 'developers', href: '/developers', label: 'Developers' },
] as const;

export type ConsolePage = (typeof CONSOLE_PAGES)[number]['key'];
