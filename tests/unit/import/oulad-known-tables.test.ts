// OULAD as distributed has seven tables; Stackwise reads three. The other four are known by name,
// planned as skipped with a reason, and never refused or left unrecognised.
import { describe, expect, it } from 'vitest';
import { planImport } from '../../../src/lib/server/import/index.ts';
import { bufferSource } from '../../../src/lib/server/import/source.ts';

// The real headers of the distributed files (first line of each).
const HEADERS: Record<string, string> = {
	'courses.csv': 'code_module,code_presentation,module_presentation_length',
	'studentInfo.csv':
		'code_module,code_presentation,id_student,gender,region,highest_education,imd_band,age_band,num_of_prev_attempts,studied_credits,disability,final_result',
	'studentRegistration.csv': 'code_module,code_presentation,id_student,date_registration,date_unregistration',
	'assessments.csv': '"code_module","code_presentation","id_assessment","assessment_type","date","weight"',
	'studentAssessment.csv': '"id_assessment","id_student","date_submitted","is_banked","score"',
	'vle.csv': '"id_site","code_module","code_presentation","activity_type","week_from","week_to"',
	'studentVle.csv': '"code_module","code_presentation","id_student","id_site","date","sum_click"'
};
const file = (name: string) => bufferSource(name, new TextEncoder().encode(HEADERS[name] + '\r\n'));

describe('OULAD tables Stackwise does not use', () => {
	it('are planned as known and skipped beside the three it reads', async () => {
		const plan = await planImport(Object.keys(HEADERS).map(file));
		expect(plan.jobs.map((j) => j.format)).toEqual(['oulad']);
		expect(plan.jobs[0].files.map((f) => f.name).sort()).toEqual([
			'courses.csv',
			'studentInfo.csv',
			'studentRegistration.csv'
		]);
		expect(plan.unrecognised).toEqual([]);
		expect(plan.skipped.map((s) => s.file.name).sort()).toEqual([
			'assessments.csv',
			'studentAssessment.csv',
			'studentVle.csv',
			'vle.csv'
		]);
		for (const s of plan.skipped) {
			expect(s.format).toBe('oulad');
			expect(s.reason).toMatch(/known OULAD table/);
		}
	});

	it('are not skipped on their own: without studentInfo.csv they are files nobody claimed', async () => {
		const plan = await planImport([file('vle.csv')]);
		expect(plan.skipped).toEqual([]);
		expect(plan.unrecognised.map((f) => f.name)).toEqual(['vle.csv']);
	});
});
