/* Starts the rasa-webchat widget. config.js (rendered by web/serve.py) says where Rasa listens,
   so the page needs no build step and no address is hard-coded here. */
(function () {
  "use strict";
  var config = window.WEBCHAT_CONFIG;
  // The server answers in tens of milliseconds; the widget's default (30 ms a character, 0.8 to
  // 3 s a message) made customers wait seconds for an answer that was already there. A short
  // pause a message keeps the order of a two-message answer readable and the whole answer
  // within a second of Enter.
  var MESSAGE_PAUSE_MS = 120;
  window.WebChat.default(
    {
      socketUrl: config.socketUrl,
      socketPath: "/socket.io/",
      // Must equal init_payload in credentials.yml: the channel lets exactly this through the
      // guard as a connection's first message, so the assistant's own greeting (with buttons) opens the chat.
      initPayload: "/greet",
      // No customData: the channel drops client metadata anyway; the page sends text and session_id only.
      title: "ログインサポート",
      subtitle: "プロミス会員サービス",
      inputTextFieldHint: "ご質問を入力してください",
      connectingText: "接続しています…",
      showFullScreenButton: false,
      customMessageDelay: function () {
        return MESSAGE_PAUSE_MS;
      },
      // The conversation is kept in sessionStorage: a reload keeps it (the channel has
      // session_persistence: true), closing the tab or the browser drops it, and nothing of it is
      // left in localStorage for the next person at a shared computer. Secrets are masked before
      // the widget stores a message (mask-secrets.js).
      params: { storage: "session" },
    },
    null
  );
})();
