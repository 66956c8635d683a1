/* Japanese input: the Enter that confirms a kana-kanji conversion must not send a half-typed
   message. rasa-webchat 1.0.1 sends on keyCode 13 alone. This capture-phase listener runs before
   the widget's (React) handler and stops such a keydown from reaching it; the IME still gets it. */
(function () {
  "use strict";
  var composing = false;

  function isChatInput(target) {
    return Boolean(target && target.classList && target.classList.contains("rw-new-message"));
  }

  // keyCode 229 may be an Enter the IME is handling: the key is not known yet.
  function mayBeEnter(event) {
    return event.key === "Enter" || event.keyCode === 13 || event.keyCode === 229;
  }

  window.addEventListener("compositionstart", function (event) {
    if (isChatInput(event.target)) composing = true;
  }, true);
  window.addEventListener("compositionend", function (event) {
    if (isChatInput(event.target)) composing = false;
  }, true);
  window.addEventListener("focusout", function (event) {
    if (isChatInput(event.target)) composing = false;
  }, true);

  window.addEventListener("keydown", function (event) {
    if (!isChatInput(event.target) || !mayBeEnter(event)) return;
    // keyCode 229: the IME owns this key (Safari fires it just after compositionend).
    if (composing || event.isComposing || event.keyCode === 229) {
      event.stopImmediatePropagation();
    }
  }, true);
})();
