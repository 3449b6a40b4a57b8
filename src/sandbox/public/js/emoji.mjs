/**
 * Emoji shortcodes. Slack draws its own emoji images rather than relying on the system's font; the ones
 * the app's cards use are small inline SVGs here for the same reason (a machine without a colour emoji
 * font, such as a CI runner taking the screenshot, would otherwise show empty boxes). Other shortcodes
 * fall back to Unicode.
 */

const svg = (body) =>
  `<svg class="emoji-svg" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">${body}</svg>`;

const DRAWN = {
  white_check_mark: svg(
    '<rect x="1" y="1" width="18" height="18" rx="4" fill="#2eb67d"/><path d="M5.5 10.5l3 3 6-7" stroke="#fff" stroke-width="2.4" fill="none" stroke-linecap="round" stroke-linejoin="round"/>',
  ),
  x: svg(
    '<path d="M4.5 4.5l11 11M15.5 4.5l-11 11" stroke="#e01e5a" stroke-width="3.2" stroke-linecap="round"/>',
  ),
  warning: svg(
    '<path d="M10 1.8L19 18H1z" fill="#ecb22e" stroke="#ecb22e" stroke-linejoin="round"/><path d="M10 7.5v4.5" stroke="#1d1c1d" stroke-width="2" stroke-linecap="round"/><circle cx="10" cy="15" r="1.2" fill="#1d1c1d"/>',
  ),
  hourglass: hourglass(),
  hourglass_flowing_sand: hourglass(),
  information_source: svg(
    '<rect x="1" y="1" width="18" height="18" rx="4" fill="#1264a3"/><circle cx="10" cy="5.5" r="1.5" fill="#fff"/><path d="M10 9v6.5" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/>',
  ),
  no_entry: svg(
    '<circle cx="10" cy="10" r="9" fill="#e01e5a"/><rect x="4" y="8.5" width="12" height="3" rx="1" fill="#fff"/>',
  ),
  // Watch notices: dropped, back, watching.
  red_circle: svg('<circle cx="10" cy="10" r="8" fill="#e01e5a"/>'),
  large_green_circle: svg('<circle cx="10" cy="10" r="8.5" fill="#2eb67d"/>'),
  // The session model's states on a real tenant (incontact): working, no state yet, logged out.
  large_blue_circle: svg('<circle cx="10" cy="10" r="8.5" fill="#1264a3"/>'),
  large_yellow_circle: svg('<circle cx="10" cy="10" r="8.5" fill="#ecb22e"/>'),
  white_circle: svg('<circle cx="10" cy="10" r="8" fill="#fff" stroke="#868686" stroke-width="1.4"/>'),
  // "Asked @agent to log in": the direct message went out.
  envelope: svg(
    '<rect x="1.5" y="4" width="17" height="12" rx="1.5" fill="#fff" stroke="#868686" stroke-width="1.2"/><path d="M2 4.8l8 6.2 8-6.2" fill="none" stroke="#868686" stroke-width="1.2" stroke-linejoin="round"/>',
  ),
  eyes: svg(
    '<ellipse cx="6" cy="10" rx="4.2" ry="6" fill="#fff" stroke="#1d1c1d" stroke-width="1.2"/><ellipse cx="14" cy="10" rx="4.2" ry="6" fill="#fff" stroke="#1d1c1d" stroke-width="1.2"/><circle cx="7.5" cy="10.5" r="2" fill="#1d1c1d"/><circle cx="15.5" cy="10.5" r="2" fill="#1d1c1d"/>',
  ),
};

function hourglass() {
  return svg(
    '<path d="M5 2h10M5 18h10" stroke="#8d6e63" stroke-width="2" stroke-linecap="round"/><path d="M6 3c0 4 8 4 8 7s-8 3-8 7M14 3c0 4-8 4-8 7s8 3 8 7" stroke="#90a4ae" stroke-width="1.4" fill="#e3f2fd"/><path d="M8 15.5h4l-2-2.5z" fill="#ecb22e"/>',
  );
}

const UNICODE = {
  heavy_check_mark: '✔️',
  no_entry_sign: '🚫',
  rotating_light: '🚨',
  bell: '🔔',
  tada: '🎉',
  bust_in_silhouette: '👤',
  busts_in_silhouette: '👥',
  arrows_counterclockwise: '🔄',
  mag: '🔍',
  gear: '⚙️',
  lock: '🔒',
  clipboard: '📋',
  sparkles: '✨',
  wave: '👋',
};

/** HTML for a shortcode's name, or undefined when it is not known (the text is then left as typed). */
export function emojiHtml(name) {
  const drawn = DRAWN[name];
  if (drawn) return `<span class="emoji" role="img" aria-label=":${name}:" title=":${name}:">${drawn}</span>`;
  const char = UNICODE[name];
  return char
    ? `<span class="emoji" role="img" aria-label=":${name}:" title=":${name}:">${char}</span>`
    : undefined;
}

export const EYE_ICON = svg(
  '<path d="M1.5 10s3.2-5.5 8.5-5.5S18.5 10 18.5 10 15.3 15.5 10 15.5 1.5 10 1.5 10z" fill="none" stroke="currentColor" stroke-width="1.6"/><circle cx="10" cy="10" r="2.6" fill="currentColor"/>',
);
