/* Accessibility repairs of Dash 4's component markup (found with axe-core, tests/browser/test_accessibility.py).
 *
 * - dcc.RadioItems renders role="listbox" with role="option" labels around native radio inputs: a nameless
 *   listbox whose options contain focusable inputs. Native radios already say everything, so the container
 *   becomes a named radiogroup and the labels lose their option role.
 * - dcc.Dropdown's keyboard focus target is an <input aria-hidden="true"> that receives Tab: a focusable element
 *   hidden from screen readers. It is unhidden and named after the control's <label> and its current value.
 * - dcc.Checklist renders the same listbox/option structure around native checkboxes: the container becomes a
 *   group named after its fieldset's legend (or its own aria-label) and the labels lose their option role.
 * Attributes are only written when they differ, so the observer never feeds itself.
 */
(function () {
  function set(el, name, value) {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }
  function drop(el, name) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  }
  function groupName(list) {  // the labelled holder first: its label follows the language, the list's copy does not
    var holder = list.parentElement && list.parentElement.closest("[aria-label]");
    if (holder) return holder.getAttribute("aria-label");
    return list.getAttribute("aria-label") || "";
  }
  function repair(root) {
    root.querySelectorAll(".dash-radioitems[role='listbox'], .dash-radioitems[role='radiogroup']").forEach(function (list) {
      set(list, "role", "radiogroup");
      var name = groupName(list);
      if (name) set(list, "aria-label", name);
      list.querySelectorAll("[role='option'], [aria-selected]").forEach(function (option) {
        drop(option, "role");
        drop(option, "aria-selected");  // React writes it again when the value changes (lang=en, lang=easy)
      });
    });
    root.querySelectorAll("[role='listbox']").forEach(function (list) {
      if (!list.querySelector("input[type='checkbox']")) return;
      set(list, "role", "group");
      var fieldset = list.closest("fieldset");
      var legend = fieldset && fieldset.querySelector("legend");
      var name = list.getAttribute("aria-label") || (legend ? legend.textContent.trim() : "");
      if (name) set(list, "aria-label", name);
      list.querySelectorAll("[role='option'], [aria-selected]").forEach(function (option) {
        drop(option, "role");
        drop(option, "aria-selected");  // React writes it again when the value changes (lang=en, lang=easy)
      });
    });
    root.querySelectorAll(".dash-dropdown-wrapper > .dash-dropdown-focus-target").forEach(function (target) {
      drop(target, "aria-hidden");
      var button = target.parentElement.querySelector("button[id]");
      if (!button) return;
      var label = document.querySelector("label[for='" + button.id + "']");
      var parts = [];
      if (label && label.id) parts.push(label.id);
      if (document.getElementById(button.id + "-value")) parts.push(button.id + "-value");
      if (parts.length) set(target, "aria-labelledby", parts.join(" "));
      set(target, "role", "combobox");
      set(target, "aria-expanded", button.getAttribute("aria-expanded") || "false");
    });
  }
  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      repair(document);
    });
  }
  function start() {
    repair(document);
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true, attributes: true,
      attributeFilter: ["role", "aria-hidden", "aria-expanded", "aria-label", "aria-selected"] });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
