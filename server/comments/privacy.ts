/// What a reader sees of the person behind a public or imported comment. Name and contact are
/// personal information: only owners and clerks see them; everyone else — other roles, the public
/// page, every default export — sees a pseudonym ("Commenter 12" / "意见人12"), stable for the
/// submitter within the draft. Every route and export goes through submitterView.
import type { Language, SubmitterView } from '../../core/index.ts';
import type { Role } from '../auth/roles.ts';
import type { SubmitterRecord } from '../storage/submitters.ts';

/// Who is looking: a role on the draft, or 'public' for the comment page and default exports.
export type Viewer = Role | 'public';

/// Whether `viewer` may see submitters' names and contact details.
export function seesPersonalData(viewer: Viewer): boolean {
  return viewer === 'owner' || viewer === 'clerk';
}

/// The pseudonym of submitter number `number` in `language`: "Commenter 12" / "意见人12".
export function pseudonym(number: number, language: Language): string {
  return language === 'zh' ? `意见人${number}` : `Commenter ${number}`;
}

export type { SubmitterView } from '../../core/index.ts';

/// `submitter` as `viewer` may see them, with the pseudonym in `language`.
export function submitterView(submitter: SubmitterRecord, viewer: Viewer, language: Language): SubmitterView {
  const shown: SubmitterView = {
    number: submitter.number,
    pseudonym: pseudonym(submitter.number, language),
    organization: submitter.organization,
    type: submitter.type,
  };
  if (!seesPersonalData(viewer)) return shown;
  return { ...shown, name: submitter.name, contact: submitter.contact };
}

/// The name to show for `submitter` to `viewer`: the name itself for owners and clerks (the pseudonym
/// when it is empty), else the pseudonym.
export function submitterDisplayName(submitter: SubmitterRecord, viewer: Viewer, language: Language): string {
  if (seesPersonalData(viewer) && submitter.name) return submitter.name;
  return pseudonym(submitter.number, language);
}
