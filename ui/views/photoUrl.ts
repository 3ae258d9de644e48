// A candidate's photo URL comes from the data, so only same-site paths and http(s) URLs are used;
// anything else (javascript:, data:, protocol-relative) falls back to the generated avatar.

export function avatarPath(candidateId: string): string {
  return `/photos/${encodeURIComponent(candidateId)}.svg`;
}

export function safePhotoUrl(photoUrl: string, candidateId: string): string {
  if (/^\/(?!\/)[^\s]*$/.test(photoUrl) || /^https?:\/\/[^\s]+$/i.test(photoUrl)) return photoUrl;
  return avatarPath(candidateId);
}
