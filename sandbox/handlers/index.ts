import type { PageRoute, PortalHandler } from '../http/routes';
import type { AdminAction } from '../admin/actions';
import { PATIENT_HANDLERS } from './patients';
import { SCHEDULING_HANDLERS } from './scheduling';
import { CORE_PAGES } from '../pages/corePages';
import { CORE_ACTIONS } from '../admin/coreActions';

/** Every data handler and page the sandbox serves; sandbox/README.md documents the same list. */
export const PORTAL_HANDLERS: PortalHandler[] = [...PATIENT_HANDLERS, ...SCHEDULING_HANDLERS];

export const PAGE_ROUTES: PageRoute[] = [...CORE_PAGES];

/** Admin "act as a person in the UI" calls, under POST /__sandbox/act/<name>. */
export const ADMIN_ACTIONS: Record<string, AdminAction> = { ...CORE_ACTIONS };
