/// Failures in plain words. The API's errors carry a status and the server's short code and detail
/// ("network: Failed to fetch", "forbidden: …"), which say what broke but not what to do; this says what
/// happened and what the user can do about it, in the UI language, keeping the server's own explanation
/// where it is meant for people (a 400's `detail` names the field that was wrong).
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.ts';

/// The message for `error` (anything thrown by an API call or the host).
export function plainError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.status) {
      case 0:
        return t('plainError.offline');
      case 401:
        return t('plainError.session');
      case 403:
        return t('plainError.forbidden');
      case 404:
        return t('plainError.missing');
      case 413:
        return t('plainError.tooLarge');
      case 429:
        return t('plainError.tooMany');
      default:
        if (error.status >= 500) return t('plainError.server');
        return error.detail || error.code;
    }
  }
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) return t('plainError.offline');
  return error instanceof Error ? error.message : String(error);
}
