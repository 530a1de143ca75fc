import type { EraSummary } from '../schemas/eras';
import { dayKeyPeriod } from './practiceClock';
import { createdEvents } from './recordChanges';
import type { RecentListSpec } from './recentScan';

/** ERA Received: ERAs by received date, newest first; a new id is a new ERA */

export const eraListSpec: RecentListSpec<EraSummary> = { idOf: (e) => e.id, printOf: () => 0, keyOf: (e) => e.receivedDate, keyPeriod: dayKeyPeriod };
export const eraReceivedEvents = createdEvents<EraSummary>('era.received', (e) => e.id);
