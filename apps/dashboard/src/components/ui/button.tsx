import { Slot } from '@radix-ui/react-slot';
import type { ComponentProps } from 'react';
import { cn } from './cn';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

/** shadcn's Button: `asChild` renders the child (a link) with the button's look. */
export function Button({
  variant = 'primary',
  size,
  asChild,
  className,
  ...props
}: ComponentProps<'button'> & { variant?: Variant; size?: 'sm'; asChild?: boolean }) {
  const Component = asChild ? Slot : 'button';
  return <Component className={cn('btn', `btn-${variant}`, size === 'sm' && 'btn-sm', className)} {...props} />;
}
