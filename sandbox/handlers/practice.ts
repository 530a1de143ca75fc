import type { PortalHandler } from '../http/routes';

export const PRACTICE_HANDLERS: PortalHandler[] = [];
