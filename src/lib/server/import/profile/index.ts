// Public surface of the import profiles: mapping an unknown CSV onto the record fields.
export { profileJob, readWideSample } from './profile-format.ts';
export {
	headerName,
	parseProfile,
	type Profile,
	PROFILE_FIELD_NAMES,
	PROFILE_FIELDS,
	REQUIRED_FIELDS
} from './profile.ts';
export { suggestProfile } from './suggest.ts';
export { holdUpload, pendingUpload, releaseUpload } from './pending.ts';
export { codedValues, previewMapping } from './preview.ts';
export { getProfile, listProfiles, profileForHeader, saveProfile } from './saved.ts';
