/** The largest file the media library takes (Payload's upload limit; the REST gate's too). */
export const MEDIA_MAX_BYTES = 50 * 1024 * 1024
