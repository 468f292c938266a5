'use client';
import { useEffect } from 'react';
import styles from './inbox.module.css';

/** The keys, as the page documents them. */
export const SHORTCUTS = [
  ['j', 'next conversation'],
  ['k', 'previous conversation'],
  ['r', 'reply (focus the message box)'],
  ['e', 'resolve the open conversation'],
  ['a', 'assign the open conversation to me'],
  ['Escape', 'back to the list (phone)'],
  ['Ctrl/⌘ + Enter', 'send'],
] as const;

/** Keyboard shortcuts for the common moves; ignored while typing in a field. */
export function Shortcuts(props: {
  onMove(step: 1 | -1): void;
  onReply(): void;
  onResolve(): void;
  onMine(): void;
  onBack(): void;
}) {
  const { onMove, onReply, onResolve, onMine, onBack } = props;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (e.metaKey || e.ctrlKey || e.altKey || t.closest('input, textarea, select, [contenteditable="true"]')) return;
      const act = { j: () => onMove(1), k: () => onMove(-1), r: onReply, e: onResolve, a: onMine, Escape: onBack }[
        e.key
      ];
      if (!act) return;
      e.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onMove, onReply, onResolve, onMine, onBack]);
  return (
    <details className={styles.shortcuts}>
      <summary>Keyboard shortcuts</summary>
      <dl>
        {SHORTCUTS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
