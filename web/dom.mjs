// Small DOM helpers shared by the page's modules. Text only ever goes in via textContent.

export const byId = (id) => document.getElementById(id);

/** Sets an element's text; an empty or null text hides the element. */
export function showText(element, text) {
  element.textContent = text ?? '';
  element.hidden = !text;
}

/** A new element with attributes and children (strings become text nodes). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined));
  return element;
}

/** Moves focus to `element` when it was lost (the focused control was disabled or removed). */
export function keepFocus(element) {
  if (document.activeElement === null || document.activeElement === document.body) element.focus();
}
