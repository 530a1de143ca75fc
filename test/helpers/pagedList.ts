/** A newest-first list of rows served a page at a time (20, as most portal lists), counting the pages read. */
export function pagedList<T>(rows: T[], pageSize = 20) {
	const reads: number[] = [];
	const read = async (page: number) => {
		reads.push(page);
		return { rows: rows.slice((page - 1) * pageSize, page * pageSize), pageCount: Math.max(1, Math.ceil(rows.length / pageSize)) };
	};
	return { read, reads };
}
