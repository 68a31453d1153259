import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { communityFiles } from './community-files.ts';

const ARTISTS = 'id\tname\turl\tpictureURL\n1\tMALICE MIZER\thttp://x\thttp://y\n';
const PLAYS = 'userID\tartistID\tweight\n2\t1\t13883\n';
const TAGGED = 'userID\tartistID\ttagID\tday\tmonth\tyear\n2\t1\t13\t1\t4\t2009\n';

describe('community files', () => {
  it('takes the two .dat files out of the GroupLens zip as downloaded', async () => {
    const zip = zipSync({
      'hetrec2011-lastfm-2k/': new Uint8Array(0),
      'hetrec2011-lastfm-2k/artists.dat': strToU8(ARTISTS),
      'hetrec2011-lastfm-2k/user_artists.dat': strToU8(PLAYS),
      'hetrec2011-lastfm-2k/tags.dat': strToU8('tagID\ttagValue\n'),
      'hetrec2011-lastfm-2k/user_taggedartists.dat': strToU8(TAGGED),
    });
    const got = await communityFiles([new File([zip], 'hetrec2011-lastfm-2k.zip', { type: 'application/zip' })]);
    expect(got.artists.name).toBe('artists.dat');
    expect(await got.artists.text()).toBe(ARTISTS);
    expect(got.userArtists.name).toBe('user_artists.dat');
    expect(await got.userArtists.text()).toBe(PLAYS);
    // The tag assignments come along for Discover; the tag names are not needed.
    expect(await got.taggedArtists?.text()).toBe(TAGGED);
  });

  it('takes the files picked by hand, the tags being optional', async () => {
    const got = await communityFiles([new File([PLAYS], 'user_artists.dat'), new File([ARTISTS], 'artists.dat')]);
    expect(await got.userArtists.text()).toBe(PLAYS);
    expect(got.taggedArtists).toBeUndefined();
    const all = await communityFiles([new File([PLAYS], 'user_artists.dat'), new File([ARTISTS], 'artists.dat'), new File([TAGGED], 'user_taggedartists.dat')]);
    expect(await all.taggedArtists?.text()).toBe(TAGGED);
  });

  it('names what is missing', async () => {
    await expect(communityFiles([new File([ARTISTS], 'artists.dat')])).rejects.toThrow(/^user_artists\.dat not found/);
    const zip = zipSync({ 'other.txt': strToU8('x') });
    await expect(communityFiles([new File([zip], 'lastfm.zip')])).rejects.toThrow(/artists\.dat and user_artists\.dat not found/);
    await expect(communityFiles([new File([strToU8('not a zip')], 'broken.zip')])).rejects.toThrow(/broken\.zip is not a zip file/);
  });
});
