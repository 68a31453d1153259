// The community listening data as people get it: GroupLens's
// hetrec2011-lastfm-2k.zip as downloaded, or the .dat files from inside it
// (two needed; the tag assignments, when there, help Discover).
import { unzipSync } from 'fflate';

export const LASTFM_2K_URL = 'https://files.grouplens.org/datasets/hetrec2011/hetrec2011-lastfm-2k.zip';

interface CommunityFiles {
  artists: File;
  userArtists: File;
  taggedArtists?: File;
}

const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const isArtists = (name: string) => /^artists\b.*\.dat$/i.test(base(name));
const isUserArtists = (name: string) => /^user_artists\b.*\.dat$/i.test(base(name));
const isTagged = (name: string) => /^user_taggedartists\b.*\.dat$/i.test(base(name));

/** The two files the community model needs, from a zip or from the files
 *  themselves; throws a message naming what is missing. */
export async function communityFiles(files: readonly File[]): Promise<CommunityFiles> {
  const found: Partial<CommunityFiles> = {};
  for (const f of files) {
    if (/\.zip$/i.test(f.name) || f.type === 'application/zip') Object.assign(found, await fromZip(f));
    else if (isArtists(f.name)) found.artists = f;
    else if (isUserArtists(f.name)) found.userArtists = f;
    else if (isTagged(f.name)) found.taggedArtists = f;
  }
  if (found.artists && found.userArtists) return found as CommunityFiles;
  const missing = [!found.artists && 'artists.dat', !found.userArtists && 'user_artists.dat'].filter(Boolean).join(' and ');
  throw new Error(`${missing} not found. Choose hetrec2011-lastfm-2k.zip as downloaded from GroupLens, or both artists.dat and user_artists.dat from it.`);
}

async function fromZip(zip: File): Promise<Partial<CommunityFiles>> {
  const data = new Uint8Array(await zip.arrayBuffer());
  // Synchronous: only the three small files are inflated (~8 MB, tens of ms),
  // and fflate's async form would start workers from blob: URLs.
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(data, { filter: (f) => isArtists(f.name) || isUserArtists(f.name) || isTagged(f.name) });
  } catch (e) {
    throw new Error(`${zip.name} is not a zip file that can be read (${(e as Error).message}).`);
  }
  const out: Partial<CommunityFiles> = {};
  for (const [path, bytes] of Object.entries(entries)) {
    const file = new File([bytes as Uint8Array<ArrayBuffer>], base(path), { type: 'text/plain' });
    if (isArtists(path)) out.artists = file;
    else if (isTagged(path)) out.taggedArtists = file;
    else out.userArtists = file;
  }
  return out;
}

/** Downloads the zip from GroupLens. Their server does not allow pages on other
 *  sites to read it (no CORS header), so in practice this says what to do instead. */
export async function downloadCommunityZip(url = LASTFM_2K_URL): Promise<File> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error(`The server at ${new URL(url).host} does not allow a download from this page. Download the zip yourself (the link above) and drop it here.`);
  }
  if (!response.ok) throw new Error(`Could not download ${url}: the server answered ${response.status} ${response.statusText}. Download it yourself and drop the zip here.`);
  return new File([await response.blob()], base(new URL(url).pathname), { type: 'application/zip' });
}
