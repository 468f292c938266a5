// Who sees what of an account: the one rule behind the privacy settings (profile photo and about, last seen, online).

export const VISIBILITIES = ['everyone', 'contacts', 'nobody'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** How the viewer stands to the owner: the owner itself, one of its contacts (ProfileContact), anyone else. */
export type Viewer = 'self' | 'contact' | 'stranger';

const SEEN_BY: Record<Visibility, readonly Viewer[]> = {
  everyone: ['self', 'contact', 'stranger'],
  contacts: ['self', 'contact'],
  nobody: ['self'],
};

export const visibleTo = (setting: Visibility, viewer: Viewer): boolean => SEEN_BY[setting].includes(viewer);
