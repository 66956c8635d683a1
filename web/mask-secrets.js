/* Card numbers, PINs, passwords and login IDs a customer types are masked in the page, before the
   widget shows, sends and stores the message: rasa-webchat keeps every message in the browser's
   storage, and the server's masking cannot reach that copy.

   The rules are business/redaction.py's own patterns, served as /redaction-rules.js by web/serve.py;
   this file repeats only redact()'s few steps (fold, find, keep the longest, cut out), and
   tests/web/test_mask_secrets.py runs it in Node against the Python function. The server masks
   again whatever arrives, and warns the customer when it sees a placeholder this page put in.

   rasa-webchat 1.0.1 reads the text from its form (<form class="rw-sender">, field "message") in
   its submit handler, whether Enter or the send button submitted it. A capture-phase listener on
   window runs before that handler and rewrites the field. Without the rules, or in a browser
   without RegExp lookbehind or match indices, nothing is masked here (the server still masks). */
(function (root) {
  "use strict";

  // (Semi-)voiced sound marks that NFKC leaves separate after a half-width kana (ﾊﾟ -> ハ + ゜).
  var SOUND_MARKS = "\u3099\u309a";

  /* The text folded as business.redaction._fold does it (NFKC one character at a time, a sound
     mark composed with the character before it), and for every UTF-16 unit of the folded text the
     span of the original it came from. */
  function fold(text) {
    var chars = [];
    var origins = [];
    var offset = 0;
    for (var ch of text) {
      var start = offset;
      offset += ch.length;
      for (var folded of ch.normalize("NFKC")) {
        if (SOUND_MARKS.indexOf(folded) >= 0 && chars.length) {
          var composed = (chars[chars.length - 1] + folded).normalize("NFC");
          if (Array.from(composed).length === 1) {
            chars[chars.length - 1] = composed;
            origins[origins.length - 1] = [origins[origins.length - 1][0], offset];
            continue;
          }
        }
        chars.push(folded);
        origins.push([start, offset]);
      }
    }
    var unitOrigins = [];
    chars.forEach(function (folded, index) {
      for (var unit = 0; unit < folded.length; unit += 1) unitOrigins.push(origins[index]);
    });
    return { text: chars.join(""), origins: unitOrigins };
  }

  function countDigits(text) {
    return (text.match(/[0-9]/g) || []).length;
  }

  function trimEnd(value, trailing) {
    var end = value.length;
    while (end > 0 && trailing.indexOf(value[end - 1]) >= 0) end -= 1;
    return end;
  }

  /* A function text -> {text, kinds}: business.redaction.redact() with the served rules. */
  function createMasker(rules) {
    var patterns = rules.patterns.map(function (rule) {
      // u: code points and Unicode case folding, as Python's re; d: where group 1 starts.
      return { rule: rule, regex: new RegExp(rule.source, "gud" + rule.flags) };
    });

    function spans(folded) {
      var found = [];
      patterns.forEach(function (pattern) {
        var rule = pattern.rule;
        var regex = pattern.regex;
        regex.lastIndex = 0;
        var match;
        while ((match = regex.exec(folded)) !== null) {
          if (match[0] === "") regex.lastIndex += 1;
          var value = match[rule.group];
          if (value === undefined) continue;
          var start = match.indices[rule.group][0];
          var end = match.indices[rule.group][1];
          if (rule.minDigits && countDigits(value) < rule.minDigits) continue;
          if (rule.valueEnd) {
            end = start + trimEnd(value, rules.trailing);
            if (end - start < rules.minValue) continue;
          }
          found.push([start, end, rule.kind]);
        }
      });
      return found;
    }

    return function redact(text) {
      if (!text) return { text: text || "", kinds: [] };
      var folded = fold(text);
      var found = spans(folded.text);
      if (!found.length) return { text: text, kinds: [] };
      // Longest first where two overlap (a card number wins over a PIN inside it); stable, as sorted().
      var chosen = [];
      found
        .slice()
        .sort(function (a, b) { return (b[1] - b[0]) - (a[1] - a[0]) || a[0] - b[0]; })
        .forEach(function (span) {
          var free = chosen.every(function (other) { return span[1] <= other[0] || span[0] >= other[1]; });
          if (free) chosen.push(span);
        });
      chosen.sort(function (a, b) { return a[0] - b[0]; });
      var pieces = [];
      var kinds = [];
      var cursor = 0;
      chosen.forEach(function (span) {
        var originalStart = folded.origins[span[0]][0];
        var originalEnd = folded.origins[span[1] - 1][1];
        pieces.push(text.slice(cursor, originalStart), rules.placeholders[span[2]]);
        if (kinds.indexOf(span[2]) < 0) kinds.push(span[2]);
        cursor = originalEnd;
      });
      pieces.push(text.slice(cursor));
      return { text: pieces.join(""), kinds: kinds };
    };
  }

  function install(window, redact) {
    window.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form || !form.classList || !form.classList.contains("rw-sender")) return;
      var box = form.elements && form.elements.namedItem("message");
      if (!box || typeof box.value !== "string") return;
      var masked = redact(box.value).text;
      if (masked !== box.value) box.value = masked;
    }, true);
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { createMasker: createMasker, fold: fold };
  } else if (root && root.REDACTION_RULES) {
    try {
      install(root, createMasker(root.REDACTION_RULES));
    } catch (error) {
      // An old browser (no lookbehind or match indices): the server still masks what arrives.
      root.console && root.console.warn("secrets are masked by the server only:", error);
    }
  }
})(this);
