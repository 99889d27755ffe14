// The exchange format's two hashes, written independently of the app (in JavaScript, with
// the npm `canonicalize` package for RFC 8785): files made with these are accepted by the
// app only if both implementations agree. Used by the bad-file corpus generator and by the
// end-to-end figure oracle's dataset generator.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** "sha256:<hex>" of the canonical form of a file's `content`. */
export const contentHash = (content) => 'sha256:' + sha256(canonicalize(content));

/**
 * The version id a custom criteria set must carry: "<number>-<first 12 hex digits of the
 * SHA-256 of the canonical set with `version` empty and `parents` left out>".
 */
export function versionId(set) {
  const copy = structuredClone(set);
  copy.version = '';
  delete copy.parents;
  return `${set.number}-${sha256(canonicalize(copy)).slice(0, 12)}`;
}
