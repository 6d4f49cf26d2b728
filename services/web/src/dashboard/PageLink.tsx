import type { AnchorHTMLAttributes } from 'react';
import { navigate } from '../route';

/** A link to another page of the app (a real address, opened without reloading). */
export function PageLink({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return (
    <a
      {...rest}
      href={to}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    />
  );
}
