/**
 * The sidebar on a narrow window: hidden behind the menu button, it slides over the page (app.css) and
 * closes on Escape, on a click beside it, or once a channel is picked. On a wide window it is always
 * there and the button is not shown.
 */

const $ = (id) => document.getElementById(id);
const narrow = window.matchMedia('(max-width: 720px)');

export function createNav() {
  const button = $('menu-button');
  const sidebar = $('sidebar');

  function setOpen(open, { focus = true } = {}) {
    $('layout').classList.toggle('nav-open', open);
    button.setAttribute('aria-expanded', String(open));
    if (!focus) return;
    if (open) (sidebar.querySelector('.nav-item.active') ?? sidebar.querySelector('button, input'))?.focus();
    else button.focus();
  }

  button.addEventListener('click', () => setOpen(button.getAttribute('aria-expanded') !== 'true'));
  $('nav-backdrop').addEventListener('click', () => setOpen(false));
  sidebar.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && narrow.matches) setOpen(false);
  });
  // Widening the window with the drawer open would leave it flagged open for the next narrow view.
  narrow.addEventListener('change', () => setOpen(false, { focus: false }));

  return {
    /** After a pick in the sidebar: on a narrow window, show what was picked. */
    picked() {
      if (narrow.matches) setOpen(false, { focus: false });
    },
  };
}
