/// Dates as the UI shows them, in the UI language: "2025年3月4日 14:05" / "Mar 4, 2025, 2:05 PM".

/// `value` (milliseconds since the epoch, or an ISO date) formatted for `language`; '' when unreadable.
export function formatTime(value: number | string | null | undefined, language: string): string {
  if (value === null || value === undefined || value === '') return '';
  const date = new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}
