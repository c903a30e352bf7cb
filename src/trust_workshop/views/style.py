"""The workshop's CSS, sent with each exercise so it applies in JupyterLab and in Voila alike.

ipywidgets cuts long labels to one line by default; the workshop's labels are whole
sentences, so they must wrap. Colours use JupyterLab's theme variables where they exist,
so the light and dark themes both stay readable. The notebooks' "Read more" folds
(``<details class="tw-more">`` in markdown) are styled here too, so a fold's summary looks like
something to click once the page's first panel has drawn.

Links in the notebooks' own text are underlined: JupyterLab's theme tells them from the words
around them by colour alone, too faint a difference for many readers (axe: link-in-text-block).
JupyterLab's heading anchors ("¶", shown on hover) are left as they are.

ENHANCE is the one piece of script: ipywidgets cannot give a widget ARIA attributes, so
a small helper adds the few a screen reader needs (see its comment). It runs from the
``onload`` of the style element below, which every exercise sends, so it works the same
in JupyterLab and in Voila, with no extension to install.
"""

import html
import re

# What the helper does, each time the page changes (a MutationObserver, installed once):
# - each 1-5 scale (.tw-scale) becomes a group named by its statement: views.panel.scale()
#   puts the statement's id in a class "tw-labelledby-<id>", turned here into aria-labelledby;
# - its buttons say whether they are chosen (aria-pressed), from ipywidgets' "mod-active";
# - icons inside buttons are hidden from screen readers: a Font Awesome glyph is a private
#   character that would be read as part of the button's name, or be its whole name.
ENHANCE = """
if (!window.twA11y) {
  window.twA11y = function () {
    document.querySelectorAll('.tw-scale').forEach(function (group) {
      if (group.getAttribute('role') !== 'group') group.setAttribute('role', 'group');
      group.classList.forEach(function (c) {
        if (c.indexOf('tw-labelledby-') === 0) group.setAttribute('aria-labelledby', c.slice(14));
      });
      group.querySelectorAll('button').forEach(function (b) {
        var chosen = String(b.classList.contains('mod-active'));
        if (b.getAttribute('aria-pressed') !== chosen) b.setAttribute('aria-pressed', chosen);
      });
    });
    document.querySelectorAll('.jupyter-widgets i.fa:not([aria-hidden])').forEach(function (icon) {
      icon.setAttribute('aria-hidden', 'true');
    });
  };
  new MutationObserver(window.twA11y).observe(document.body,
    {subtree: true, childList: true, attributes: true, attributeFilter: ['class']});
}
window.twA11y();
"""

_RULES = """
.tw-exercise, .tw-profile { max-width: 62em; }
.tw-exercise .widget-label, .tw-profile .widget-label,
.tw-exercise .widget-label-basic, .tw-exercise .widget-checkbox label,
.tw-exercise .widget-checkbox span, .tw-exercise .widget-radio-box label {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  height: auto !important; line-height: 1.4 !important;
}
.tw-exercise .widget-checkbox, .tw-profile .widget-checkbox { height: auto !important; margin: 2px 0; }
.tw-profile .widget-checkbox label, .tw-profile .widget-checkbox span, .tw-profile .widget-radio-box label {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  height: auto !important; line-height: 1.4 !important; }
.tw-exercise .widget-html-content, .tw-profile .widget-html-content { line-height: 1.45 !important; }
.tw-exercise .widget-html, .tw-profile .widget-html { height: auto !important; }
.tw-exercise .widget-html p, .tw-profile .widget-html p { margin: 4px 0; }
.tw-exercise button.jupyter-button:not(.mod-toggle), .tw-profile button.jupyter-button {
  width: auto !important; min-width: 3em; padding: 0 12px; }
/* Radio buttons one under another at least 24 px apart, so each is easy to hit (WCAG 2.5.8). */
.tw-exercise .widget-radio-box label, .tw-profile .widget-radio-box label { margin: 3px 0; }
.tw-textarea { flex-direction: column !important; align-items: stretch !important; margin: 6px 0 !important; }
.tw-textarea > label { width: auto !important; max-width: 100% !important; margin-bottom: 4px; font-weight: 600;
  text-align: left !important; }
.tw-textarea textarea { font-family: var(--jp-content-font-family, sans-serif);
  font-size: var(--jp-content-font-size1, 14px); line-height: 1.45; }
.tw-scale button.mod-active { background: #0072B2 !important; color: #fff !important; font-weight: 700; }
.tw-scale .widget-label { display: none !important; }
/* A 1-5 button's name for a screen reader: "3 of 5, Not sure", not "3". ipywidgets gives buttons
   no aria-label, but generated content counts towards a button's name, and the text after "/"
   is its alternative text: heard, never seen. The words come from the button's tooltip (title). */
.tw-scale button.widget-toggle-button::after { content: "" / " of 5"; }
.tw-scale button.widget-toggle-button[title]::after { content: "" / " of 5, " attr(title); }
/* Keyboard focus is always easy to see: a thick ring in a colour with enough contrast. ipywidgets
   removes the ring from text boxes and lists ("outline: none !important" on .widget-text input and
   the like), so these selectors name one class more than those do, to win. A date box keeps its
   focus inside its day, month and year fields and its calendar button, where Chromium's own style
   can take the outline away, so it shows the ring as a shadow whenever the focus is within it.
   Boxes one types in show the ring whenever they have the focus. */
:is(.tw-exercise, .tw-profile) .jupyter-widgets :is(:focus-visible, input:focus, textarea:focus, select:focus) {
  outline: 3px solid #0072B2 !important; outline-offset: 2px !important; }
:is(.tw-exercise, .tw-profile) .jupyter-widgets input[type="date"]:focus-within {
  box-shadow: 0 0 0 3px #0072B2 !important; }
[data-jp-theme-light="false"] :is(.tw-exercise, .tw-profile) .jupyter-widgets
  :is(:focus-visible, input:focus, textarea:focus, select:focus) { outline-color: #56B4E9 !important; }
[data-jp-theme-light="false"] :is(.tw-exercise, .tw-profile) .jupyter-widgets input[type="date"]:focus-within {
  box-shadow: 0 0 0 3px #56B4E9 !important; }
/* Room for the ring: ipywidgets clips a row of toggle buttons to its height, which cut the ring off. */
:is(.tw-exercise, .tw-profile) .widget-toggle-buttons { overflow: visible !important; }
.tw-statement { margin: 8px 0 2px 0; }
.tw-title { margin: 12px 0 4px 0; }
.tw-muted { color: var(--jp-ui-font-color2, #555); }
.tw-saved { color: var(--jp-success-color0, #1b5e20); font-weight: 600; }
[data-jp-theme-light="false"] .tw-saved { color: var(--jp-success-color1, #4caf50); }
.tw-warning, .tw-alert { border-left: 4px solid #D55E00; padding: 6px 10px;
  background: var(--jp-warn-color3, #fff4e5); }
/* JupyterLab's dark theme keeps its "color3" shades light, under light text: a dark tint there instead. */
[data-jp-theme-light="false"] .tw-warning, [data-jp-theme-light="false"] .tw-alert {
  background: rgba(213, 94, 0, 0.22); }
.tw-score { border-left: 4px solid #0072B2; padding: 2px 10px; }
.tw-resources { border-collapse: collapse; margin: 6px 0; }
.tw-resources th, .tw-resources td { padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
.tw-resources td:nth-child(3) { white-space: nowrap; }
.tw-save-row { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; margin-left: 8px;
  padding: 5px 0; }
a.tw-download { display: inline-block; font-weight: 600; padding: 5px 14px; border-radius: 3px;
  background: #0072B2; color: #fff !important; text-decoration: none; line-height: 1.4; }
a.tw-download:hover { background: #005a8c; }
a.tw-download:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
.tw-ready { color: var(--jp-success-color1, #00684a); font-weight: 600; }
.tw-exercise button.jupyter-button { white-space: normal !important; height: auto !important; min-height: 28px; }
.tw-contact { font-weight: 700; font-size: 1.1em; white-space: nowrap; }
h4.tw-need, h4.tw-response, h4.tw-part { font-size: 1.05em; margin: 10px 0 4px 0; }
.tw-help a { text-decoration: underline; }
.jp-RenderedMarkdown a:not(.jp-InternalAnchorLink) { text-decoration: underline; }
.tw-caption { font-style: italic; max-width: 48em; }
/* Charts are pictures drawn for a light page: in a dark theme they sit on a light card of their own. */
.tw-figure img { background: #fff; border-radius: 6px; padding: 4px; box-sizing: border-box; }
.tw-checks { list-style: none; padding-left: 0.5em; }
.tw-agenda { border-collapse: collapse; margin: 6px 0; max-width: 72em; }
.tw-agenda th, .tw-agenda td { border-bottom: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
.tw-agenda tr.tw-current td { background: var(--jp-brand-color3, #dceefb); border-left: 4px solid #0072B2; }
[data-jp-theme-light="false"] .tw-agenda tr.tw-current td { background: rgba(0, 114, 178, 0.35); }
.tw-clock { font-size: 1.6em; line-height: 1.35; }
details.tw-more { margin: 6px 0 12px 0; padding: 2px 12px; border-left: 4px solid #0072B2;
  background: var(--jp-layout-color2, #f2f6f9); max-width: 62em; }
details.tw-more > summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
details.tw-more > summary:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
.tw-clock small { font-size: 0.9em; }
.tw-clock-time { font-size: 2.6em; font-weight: 700; font-variant-numeric: tabular-nums; color: #0072B2; }
.tw-script { font-size: 1.25em; line-height: 1.5; margin: 8px 0; }
.tw-preview { white-space: pre-wrap; max-height: 24em; overflow: auto; border: 1px solid #ccc; padding: 6px; }
.tw-yes { color: var(--jp-success-color0, #00684a); font-weight: 700; }
[data-jp-theme-light="false"] .tw-yes { color: var(--jp-success-color1, #4caf50); }
.tw-no { color: var(--jp-ui-font-color2, #555); }
.tw-table-wrap { max-width: 100%; overflow-x: auto; margin: 6px 0; }
/* An HTML widget takes its content's width unless told otherwise: then a wide table would
   stretch it past the screen instead of scrolling in its own box. */
.tw-exercise .widget-html, .tw-exercise .widget-html-content { min-width: 0; max-width: 100%; }
.tw-table-wrap > table { margin: 0 !important; }
.tw-table-wrap:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
/* A phone (or any narrow window): nothing wider than the screen, and controls a finger can hit
   (44 px, WCAG 2.5.5). Fixed widths from the widgets' layouts shrink to the screen; a label and
   its box stack when they do not fit side by side. */
@media (max-width: 600px) {
  .tw-exercise .jupyter-widgets, .tw-profile .jupyter-widgets { max-width: 100% !important; }
  .tw-exercise .widget-inline-hbox, .tw-profile .widget-inline-hbox { flex-wrap: wrap; height: auto !important; }
  .tw-exercise .widget-inline-hbox > .widget-label, .tw-profile .widget-inline-hbox > .widget-label {
    max-width: 100% !important; white-space: normal !important; height: auto !important;
    text-align: left !important; }
  .tw-exercise .widget-inline-hbox > input, .tw-profile .widget-inline-hbox > input,
  .tw-exercise .widget-inline-hbox > select, .tw-profile .widget-inline-hbox > select { min-width: 0; max-width: 100%; }
  .tw-exercise button, .tw-profile button, .tw-exercise select, .tw-profile select,
  .tw-exercise .widget-inline-hbox > input, .tw-profile .widget-inline-hbox > input {
    height: auto !important; min-height: 44px !important; }
  .tw-exercise .widget-toggle-buttons, .tw-exercise .widget-dropdown, .tw-profile .widget-dropdown,
  .tw-exercise .widget-text, .tw-profile .widget-text, .tw-exercise .widget-hbox, .tw-profile .widget-hbox {
    height: auto !important; }
  .tw-exercise summary, .tw-profile summary { min-height: 44px; padding: 11px 0; box-sizing: border-box; }
  a.tw-download { min-height: 44px; padding: 11px 14px; box-sizing: border-box; }
  /* The helplines for every region: one block a region, each line under its column's name. */
  table.tw-resources, .tw-resources caption, .tw-resources tbody, .tw-resources tr, .tw-resources th,
  .tw-resources td { display: block; text-align: left; }
  .tw-resources thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .tw-resources tbody tr { border-top: 1px solid var(--jp-border-color2, #ccc); padding: 6px 0; }
  .tw-resources tbody th { font-size: 1.1em; padding: 2px 0; }
  .tw-resources td { padding: 2px 0 4px 0; }
  .tw-resources td:nth-child(3) { white-space: normal; }
  .tw-resources td[data-label]::before { content: attr(data-label); content: attr(data-label) / "";
    display: block; font-weight: 600; }
}
</style>
"""

CSS = "\n<style onload=\"" + html.escape(re.sub(r"\s+", " ", ENHANCE).strip()) + "\">" + _RULES
