/** A newest-first list of rows served 20 a page, as the portal pages them, counting the pages read. */
export function pagedList<T>(rows: T[]) {
	const reads: number[] = [];
	const read = async (page: number) => {
		reads.push(page);
		return { rows: rows.slice((page - 1) * 20, page * 20), pageCount: Math.max(1, Math.ceil(rows.length / 20)) };
	};
	return { read, reads };
}
