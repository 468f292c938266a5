'use client';
import { useRouter } from 'next/navigation';
import { browserApi } from '../../lib/api/client';
import { Button } from '../ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../ui/dropdown-menu';
import { toggleTheme } from './theme';

export function UserMenu({ user, role }: { user: { name: string; email: string }; role: string }) {
  const router = useRouter();
  const signOut = async () => {
    await browserApi.POST('/console/v1/auth/sign-out');
    router.push('/sign-in?signed-out=1');
    router.refresh();
  };
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" data-testid="user-menu">
          {user.name} <span className="muted">({role})</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuLabel>{user.email}</DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => toggleTheme()}>Switch light / dark</DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void signOut()} data-testid="sign-out">
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
