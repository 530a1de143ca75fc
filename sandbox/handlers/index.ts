import type { PageRoute, PortalHandler } from '../http/routes';
import type { AdminAction } from '../admin/actions';
import { PATIENT_HANDLERS } from './patients';
import { SCHEDULING_HANDLERS } from './scheduling';
import { NOTES_HANDLERS } from './notes';
import { CLAIMS_HANDLERS } from './claims';
import { ERAS_HANDLERS } from './eras';
import { BILLING_HANDLERS } from './billing';
import { PORTAL_HANDLERS as PATIENT_PORTAL_HANDLERS } from './portal';
import { TELEHEALTH_HANDLERS } from './telehealth';
import { TODO_HANDLERS } from './todo';
import { PRACTICE_HANDLERS } from './practice';
import { CORE_PAGES } from '../pages/corePages';
import { NOTE_PAGES } from '../pages/notePages';
import { ERA_PAGES } from '../pages/eraPages';
import { TODO_PAGES } from '../pages/todoPages';
import { CORE_ACTIONS } from '../admin/coreActions';
import { NOTE_ACTIONS } from '../admin/noteActions';
import { CLAIM_ACTIONS } from '../admin/claimActions';
import { PORTAL_ACTIONS } from '../admin/portalActions';
import { BILLING_ACTIONS } from '../admin/billingActions';

/** Every data handler and page the sandbox serves; sandbox/README.md documents the same list. */
export const PORTAL_HANDLERS: PortalHandler[] = [
	...PATIENT_HANDLERS,
	...SCHEDULING_HANDLERS,
	...NOTES_HANDLERS,
	...CLAIMS_HANDLERS,
	...ERAS_HANDLERS,
	...BILLING_HANDLERS,
	...PATIENT_PORTAL_HANDLERS,
	...TELEHEALTH_HANDLERS,
	...TODO_HANDLERS,
	...PRACTICE_HANDLERS,
];

export const PAGE_ROUTES: PageRoute[] = [...CORE_PAGES, ...NOTE_PAGES, ...ERA_PAGES, ...TODO_PAGES];

/** Admin "act as a person in the UI" calls, under POST /__sandbox/act/<name>. */
export const ADMIN_ACTIONS: Record<string, AdminAction> = { ...CORE_ACTIONS, ...NOTE_ACTIONS, ...CLAIM_ACTIONS, ...PORTAL_ACTIONS, ...BILLING_ACTIONS };
