import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways: the region takes the keyboard focus (arrow keys scroll it)
 * and is named, because its cells hold no link or button to tab to.
 */
export function ScrollRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
