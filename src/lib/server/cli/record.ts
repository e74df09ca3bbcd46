// `stackwise keys create`: the deployment's issuer key (did:key), kept in the file
// STACKWISE_ISSUER_KEY_FILE names. `stackwise record --learner ID [--qualification Q] --out FILE`:
// the learner's signed record of progress (CLR 2.0 / Open Badges 3.0, record/document.ts).
import { writeFileSync } from 'node:fs';
import { IssuerKeyError, createIssuerKey, issuerKeyPath, loadIssuerKey } from '../record/keys.ts';
import { RecordError, getLearnerRecord } from '../record/record.ts';
import { UsageError, command, subcommands } from './args.ts';

const createKeyCommand = command({
	options: {},
	run: async (_args, { stdout }) => {
		try {
			const { did, path } = await createIssuerKey(issuerKeyPath());
			stdout.write(
				`Issuer key ${did}\nkept in ${path} (readable by its owner only; not in the repository)\n`
			);
			return 0;
		} catch (error) {
			if (error instanceof IssuerKeyError) throw new UsageError(error.message);
			throw error;
		}
	}
});

export const keysCommand = subcommands({ create: createKeyCommand }, 'keys: the only subcommand is "create"');

export const recordCommand = command({
	options: {
		learner: { type: 'string' },
		qualification: { type: 'string' },
		out: { type: 'string' }
	},
	run: async ({ values }, { openDb, stdout }) => {
		if (!values.learner) throw new UsageError('record: --learner ID is required');
		if (!values.out) throw new UsageError('record: --out FILE is required');
		try {
			const key = await loadIssuerKey(issuerKeyPath());
			const record = await getLearnerRecord(await openDb(), {
				learnerId: values.learner,
				qualification: values.qualification ?? null,
				key
			});
			writeFileSync(values.out, JSON.stringify(record, null, 2) + '\n');
			const subject = record.credentialSubject as { verifiableCredential: unknown[] };
			stdout.write(
				`Wrote ${values.out}: a ClrCredential signed by ${key.did} holding ${subject.verifiableCredential.length} credential(s)\n`
			);
			return 0;
		} catch (error) {
			if (error instanceof IssuerKeyError || error instanceof RecordError)
				throw new UsageError(error.message);
			throw error;
		}
	}
});
