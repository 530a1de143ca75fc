import { problemAt, type X12Problem } from './problems';
import type { Segment } from './tokenizer';

/** HL03 level → the level its HL02 parent must have (null: no parent). */
const PARENT_LEVEL: Record<string, string | null> = { '20': null, '22': '20', '23': '22' };

/**
 * HL01 numbers run 1, 2, 3…; each HL02 names an earlier HL of the right level
 * (22 under 20, 23 under 22); HL04 is 1 exactly when some HL names it as parent.
 */
export function checkHierarchy(segments: Segment[], problems: X12Problem[]): void {
	const hls = segments.filter((segment) => segment.id === 'HL');
	const levelById = new Map<string, string>();
	hls.forEach((hl, index) => {
		const [, id = '', parent = '', level = ''] = hl.elements;
		const at = (detail: string) => problems.push(problemAt('HL', hl.segmentNumber, detail));
		if (id !== String(index + 1)) at(`HL01 is "${id}", expected ${index + 1}`);
		const parentLevel = PARENT_LEVEL[level];
		if (parentLevel === undefined) {
			at(`HL03 "${level}" is not an 837P level (20, 22 or 23)`);
		} else if (parentLevel === null) {
			if (parent !== '') at(`HL02 must be empty for level 20, found "${parent}"`);
		} else if (!levelById.has(parent)) {
			at(`HL02 "${parent}" does not name an earlier HL`);
		} else if (levelById.get(parent) !== parentLevel) {
			at(`HL02 "${parent}" is level ${levelById.get(parent)}; level ${level} needs a parent of level ${parentLevel}`);
		}
		levelById.set(id, level);
	});
	checkChildCodes(hls, problems);
}

function checkChildCodes(hls: Segment[], problems: X12Problem[]): void {
	const parents = new Set(hls.map((hl) => hl.elements[2] ?? ''));
	for (const hl of hls) {
		const expected = parents.has(hl.elements[1] ?? '') ? '1' : '0';
		const actual = hl.elements[4] ?? '';
		if (actual !== expected) {
			problems.push(problemAt('HL', hl.segmentNumber, `HL04 is "${actual}" but should be ${expected} (${expected === '1' ? 'it has' : 'it has no'} children)`));
		}
	}
}
