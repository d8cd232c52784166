// Test setup: what jsdom lacks of the web view, in the least the tests need.
// The app itself uses the platform's own, untouched.
//
// <dialog>: jsdom knows the element and its `open` attribute but not
// showModal(), close() or Escape's `cancel` event. This stands in for them:
// showModal() opens the dialog and moves the focus into it (its first
// control), close() shuts it and fires `close`, and an Escape that nothing
// else handled fires a cancelable `cancel` on the top modal dialog, closing it
// unless cancelled, as the platform does. (Tab staying inside and the page
// behind being inert are the browser's; jsdom has neither Tab nor inertness.)
if (typeof HTMLDialogElement !== "undefined" && typeof HTMLDialogElement.prototype.showModal !== "function") {
  const modals: HTMLDialogElement[] = [];
  const focusable = "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";

  HTMLDialogElement.prototype.show = function show(this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    if (!this.isConnected) throw new DOMException("The dialog is not in the document.", "InvalidStateError");
    if (this.hasAttribute("open")) throw new DOMException("The dialog is already open.", "InvalidStateError");
    this.setAttribute("open", "");
    modals.push(this);
    (this.querySelector<HTMLElement>("[autofocus]") ?? this.querySelector<HTMLElement>(focusable) ?? this).focus();
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement, value?: string) {
    if (!this.hasAttribute("open")) return;
    this.removeAttribute("open");
    const at = modals.indexOf(this);
    if (at >= 0) modals.splice(at, 1);
    if (value !== undefined) this.returnValue = value;
    this.dispatchEvent(new Event("close"));
  };
  // The platform's default action for Escape, after the page's own handlers.
  window.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || e.defaultPrevented) return;
    const top = modals.filter((d) => d.isConnected && d.hasAttribute("open")).at(-1);
    if (top?.dispatchEvent(new Event("cancel", { cancelable: true }))) top.close();
  });
}
