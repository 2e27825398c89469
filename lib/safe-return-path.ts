// Owns which "come back after sign-in" targets are allowed: same-site app paths only, never another origin.
export function safeReturnPath(value: string): string | null {
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return /^\/(mail|compose|settings)(\/|\?|$)/.test(value) ? value : null;
}
