/** A UUID (a trip's or a member's id in a link) is an address, not a secret. */
const UUID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
/** An opaque token in a URL (a path segment or a query value): 32 or more URL-safe characters. */
const TOKEN_IN_URL = /([/=])([\w-]{32,})/g;
const URL_IN_TEXT = /https?:\/\/\S+/g;

const HIDDEN = '[hidden]';

/**
 * Masks the tokens of the links in an e-mail (an invitation's `/invite/<token>`): the link is for
 * its recipient, so views of sent mail (the admin outbox) must not hand it to someone else.
 */
export function maskSecretLinks(text: string): string {
  return text.replace(URL_IN_TEXT, (url) =>
    url.replace(TOKEN_IN_URL, (segment, separator: string, value: string) =>
      UUID.test(value) ? segment : separator + HIDDEN,
    ),
  );
}
