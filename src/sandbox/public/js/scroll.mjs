/**
 * A message list that scrolls in its own pane and keeps to its newest message, as Slack's does: it opens
 * at the bottom, stays there while messages arrive or grow (a card turning into its result) as long as
 * the member is at the bottom, and leaves the member where they are once they scroll up, with a
 * "New messages" button to jump back down.
 */

/** Within this many pixels of the end counts as "at the bottom" (a fraction of a line). */
const AT_BOTTOM_PX = 24;

/**
 * `list` is the scrolling element, `content` the element whose height grows with the messages, `jump`
 * an optional button shown when messages arrive below while the member reads older ones.
 */
export function stickToBottom(list, content, jump) {
  let stuck = true;
  const distance = () => list.scrollHeight - list.scrollTop - list.clientHeight;

  function toBottom() {
    stuck = true;
    list.scrollTop = list.scrollHeight;
    if (jump) jump.hidden = true;
  }

  list.addEventListener('scroll', () => {
    stuck = distance() < AT_BOTTOM_PX;
    if (stuck && jump) jump.hidden = true;
  });
  // A resized window, a longer card or a late font: the newest message stays in view if it was.
  const keep = new ResizeObserver(() => {
    if (stuck) toBottom();
  });
  keep.observe(list);
  keep.observe(content);
  jump?.addEventListener('click', toBottom);

  return {
    toBottom,
    /** After a render: follow the new messages, or offer to jump to them. */
    rendered(added) {
      if (stuck) toBottom();
      else if (added && jump) jump.hidden = false;
    },
    /** PageUp/PageDown from a message box scroll the list, as in Slack. */
    page(direction) {
      list.scrollBy({ top: direction * list.clientHeight * 0.9 });
    },
  };
}
