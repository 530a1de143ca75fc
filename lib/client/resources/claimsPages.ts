/** One page of a portal list: its rows and how many pages there are. */
export interface ListPage<T> {
	rows: T[];
	pageCount: number;
}

/** Safety stop for a portal that keeps answering full pages: 5,000 pages of 20 is 100,000 rows. */
const MAX_PAGES = 5_000;

/**
 * Reads pages 1, 2, … until `limit` rows are in hand or the last page was read. Pages are read one
 * at a time, in order, so a limit of 20 costs one request.
 */
export async function collectPages<T>(fetchPage: (page: number) => Promise<ListPage<T>>, limit?: number): Promise<T[]> {
	const rows: T[] = [];
	for (let page = 1; page <= MAX_PAGES; page++) {
		const answer = await fetchPage(page);
		rows.push(...answer.rows);
		if ((limit !== undefined && rows.length >= limit) || page >= answer.pageCount || answer.rows.length === 0) break;
	}
	return limit === undefined ? rows : rows.slice(0, limit);
}
