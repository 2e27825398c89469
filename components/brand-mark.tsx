import type { CSSProperties } from 'react';
import { withBasePath } from '@/lib/base-path';
import type { Branding } from '@/lib/config';

/** The product name (and logo) the admin configured for a domain, or the deployment's. Server-rendered. */
export function BrandMark({ branding }: { branding: Branding }) {
  return (
    <span className="inline-flex items-center gap-2">
      {branding.logoUrl && (
        // A small same-origin file from public/: nothing for next/image to optimise.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={withBasePath(branding.logoUrl)} alt="" className="h-7 w-auto" />
      )}
      {branding.productName}
    </span>
  );
}

/** Overrides the theme's accent colour (Tailwind's --color-accent) below the element it is set on. */
export function brandStyle(branding: Branding): CSSProperties | undefined {
  return branding.accentColor ? ({ '--color-accent': branding.accentColor } as CSSProperties) : undefined;
}
