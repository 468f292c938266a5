import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { THEME_COOKIE } from '../components/console/theme';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Switchboard', template: '%s · Switchboard' },
  description: 'Switchboard console',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = (await cookies()).get(THEME_COOKIE)?.value;
  return (
    <html lang="en" data-theme={theme === 'dark' || theme === 'light' ? theme : undefined}>
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className="app-header">
          <Link href="/" className="app-name">
            Switchboard
          </Link>
          <Link href="/overview" className="header-link">
            Console
          </Link>
        </header>
        <main className="app-main" id="main">
          {children}
        </main>
      </body>
    </html>
  );
}
