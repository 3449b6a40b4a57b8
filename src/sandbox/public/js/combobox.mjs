import { el, optionText } from './dom.mjs';

/**
 * external_select: a search box whose options come from the app (a block_suggestion request through the
 * sandbox server) once the member has typed `min_query_length` characters (Slack's default is 3).
 */

const DEBOUNCE_MS = 200;

export function externalSelect(element, blockId, surface, onPick) {
  let selected = surface.value(blockId, element.action_id)?.selected_option ?? element.initial_option ?? null;
  let timer;
  let request = 0;
  const minLength = element.min_query_length ?? 3;
  const input = el('input', {
    className: 'sk-select sk-combobox-input',
    role: 'combobox',
    'aria-expanded': 'false',
    'aria-autocomplete': 'list',
    placeholder: optionText(element.placeholder) || 'Search…',
    'data-action-id': element.action_id,
  });
  input.value = optionText(selected);
  const list = el('ul', { className: 'sk-listbox', role: 'listbox', hidden: true });

  const hide = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  const showItems = (items) => {
    list.replaceChildren(...items);
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };
  const choose = (option) => {
    selected = option;
    input.value = optionText(option);
    hide();
    onPick({ type: element.type, selected_option: option });
  };
  const optionItem = (option) =>
    el(
      'li',
      {
        role: 'option',
        className: 'sk-option',
        'aria-selected': String(selected?.value === option.value),
        // mousedown, not click: it fires before the input's blur hides the list.
        onmousedown: (event) => {
          event.preventDefault();
          choose(option);
        },
      },
      optionText(option),
    );

  async function search() {
    const query = input.value === optionText(selected) ? '' : input.value;
    if (query.length < minLength) return hide();
    const mine = ++request;
    showItems([el('li', { className: 'sk-option muted' }, 'Loading…')]);
    const result = await surface.options(blockId, element, query);
    if (mine !== request) return; // a newer search is under way
    if (!result.ok)
      return showItems([
        el('li', { className: 'sk-option muted' }, `Could not load options (${result.error})`),
      ]);
    const groups = result.option_groups ?? [];
    const items = [
      ...(result.options ?? []).map(optionItem),
      ...groups.flatMap((g) => [
        el('li', { className: 'sk-option-group' }, optionText(g.label)),
        ...g.options.map(optionItem),
      ]),
    ];
    showItems(items.length ? items : [el('li', { className: 'sk-option muted' }, 'No results')]);
  }

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(search, DEBOUNCE_MS);
  };
  input.addEventListener('focus', () => {
    input.select();
    schedule();
  });
  input.addEventListener('input', schedule);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') hide();
    if (event.key === 'Enter') {
      event.preventDefault();
      const first = list.querySelector('[role="option"]');
      first?.dispatchEvent(new MouseEvent('mousedown', { cancelable: true }));
    }
  });
  input.addEventListener('blur', () => {
    hide();
    input.value = optionText(selected);
  });
  return el('div', { className: 'sk-combobox' }, input, list);
}
