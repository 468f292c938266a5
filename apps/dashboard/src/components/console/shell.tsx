import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ConsoleContext } from '../../lib/api/session';
import { BusinessSwitcher } from './business-switcher';
import { CONSOLE_PAGES, type ConsolePage } from './nav';
import { UserMenu } from './user-menu';

/** Every console page: the navigation, who is signed in (and where), then the page. */
export function ConsoleShell({
  ctx,
  page,
  title,
  actions,
  children,
}: {
  ctx: ConsoleContext;
  page: ConsolePage;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="console">
      <nav className="console-nav" aria-label="Console">
        <ul>
          {CONSOLE_PAGES.map((p) => (
            <li key={p.key}>
              <Link href={p.href} aria-current={p.key === page ? 'page' : undefined} className="nav-link">
                {p.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="console-who">
          <BusinessSwitcher memberships={ctx.memberships} current={ctx.business.id} />
          <UserMenu user={ctx.user} role={ctx.role} />
        </div>
      </nav>
      <div className="page-head">
        <h1>{title}</h1>
        {actions}
      </div>
      {children}
    </div>
  );
}
