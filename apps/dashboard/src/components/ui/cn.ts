/** Joins class names, skipping the falsy ones (shadcn's `cn`, without Tailwind's merge). */
export const cn = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(' ');
