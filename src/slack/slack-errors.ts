/** The `error` of a Web API failure (`not_in_channel`, `channel_not_found`…), or a short stand-in. */
export function slackErrorCode(err: unknown): string {
  const data = (err as { data?: { error?: unknown } }).data;
  if (typeof data?.error === 'string') return data.error;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'slack_error';
}
