/** Addresses of the public pages (no sign-in, the anonymous channel). */
export const isPublicPath = (path: string): boolean => path === '/public' || path.startsWith('/public/');
