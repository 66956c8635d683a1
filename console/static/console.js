// The operator console page: reads the JSON API (console/app.py) and draws with Chart.js.
// Every text goes in with textContent, never as HTML.
"use strict";

const OUTCOME_NAMES = {
  resolved: "解決した",
  not_resolved: "解決しなかった",
  handed_off: "電話へ引き継いだ",
  fell_back: "理解できなかった",
};
const charts = {};
let intents = [];
let page = 1;

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function say(text) {
  document.getElementById("message").textContent = text;
}

async function call(path, options = {}) {
  const init = { credentials: "same-origin", headers: {} };
  if (options.body !== undefined) {
    init.method = "POST";
    init.headers = { "Content-Type": "application/json", "X-Console-Request": "1" };
    init.body = JSON.stringify(options.body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    window.location.assign("/login");
    throw new Error("ログインが必要です");
  }
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function days() {
  return document.getElementById("days").value;
}

function shortDay(day) {
  return day.slice(5).replace("-", "/");
}

function drawChart(id, config) {
  if (charts[id]) charts[id].destroy();
  // The chart fills its box (.chart in console.css) instead of keeping an aspect ratio.
  config.options = { ...config.options, maintainAspectRatio: false };
  charts[id] = new Chart(document.getElementById(id), config);
}

async function loadOverview() {
  const data = await call(`/api/overview?days=${days()}`);
  const rate = data.resolution_rate;
  document.getElementById("resolution-rate").textContent = rate === null ? "–" : `${(rate * 100).toFixed(1)}%`;
  document.getElementById("answers").textContent = data.answers.reduce((a, b) => a + b, 0);
  const labels = data.days.map(shortDay);
  const dailyRate = data.answers.map((n, i) => (n ? Math.round((data.resolved[i] / n) * 1000) / 10 : null));
  drawChart("chart-conversations", {
    data: {
      labels,
      datasets: [
        { type: "bar", label: "会話数", data: data.conversations, yAxisID: "count", backgroundColor: "#7aa6d8" },
        { type: "line", label: "解決率 (%)", data: dailyRate, yAxisID: "rate", borderColor: "#2e7d32", spanGaps: true },
      ],
    },
    options: {
      animation: false,
      scales: {
        count: { position: "left", beginAtZero: true, ticks: { precision: 0 } },
        rate: { position: "right", min: 0, max: 100, grid: { drawOnChartArea: false } },
      },
    },
  });
  drawChart("chart-handoffs", {
    type: "bar",
    data: {
      labels: data.handoffs_by_reason.map((row) => row.label),
      datasets: [{ label: "引き継ぎ", data: data.handoffs_by_reason.map((row) => row.count), backgroundColor: "#e0a040" }],
    },
    options: { animation: false, indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  drawChart("chart-fallbacks", {
    type: "bar",
    data: { labels, datasets: [{ label: "理解できなかった応答", data: data.fallbacks, backgroundColor: "#c75050" }] },
    options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

function conversationLink(id) {
  const link = element("a", id, { href: `#conversation=${encodeURIComponent(id)}`, class: "conversation-link" });
  link.addEventListener("click", (event) => {
    event.preventDefault();
    openConversation(id).catch((error) => say(error.message));
  });
  return link;
}

function labelControl(message) {
  const cell = element("td");
  const select = element("select", null, { "aria-label": "意図" });
  select.append(element("option", "（意図を選ぶ）", { value: "" }));
  for (const intent of intents) {
    const option = element("option", intent, { value: intent });
    if (intent === message.label) option.selected = true;
    select.append(option);
  }
  const save = element("button", "保存", { type: "button" });
  save.addEventListener("click", async () => {
    try {
      if (select.value) {
        await call("/api/labels", { body: { text: message.text, intent: select.value } });
        say(`ラベルを保存しました: ${select.value}`);
      } else if (message.label) {
        await call("/api/labels/remove", { body: { text: message.text } });
        say("ラベルを外しました");
      }
      await loadNotUnderstood();
    } catch (error) {
      say(error.message);
    }
  });
  cell.append(select, save);
  return cell;
}

async function loadNotUnderstood() {
  const data = await call(`/api/not-understood?days=${days()}`);
  const rows = document.getElementById("not-understood-rows");
  rows.replaceChildren();
  for (const message of data.messages) {
    const row = element("tr");
    const links = element("td");
    for (const id of message.conversations.slice(0, 3)) links.append(conversationLink(id), " ");
    if (message.conversations.length > 3) links.append(`ほか${message.conversations.length - 3}件`);
    row.append(
      element("td", message.text, { class: "message-text" }),
      element("td", message.count),
      element("td", message.last_seen.replace("T", " ").slice(0, 16)),
      links,
      labelControl(message),
    );
    rows.append(row);
  }
  if (!data.messages.length) {
    const row = element("tr");
    row.append(element("td", "ありません", { colspan: "5" }));
    rows.append(row);
  }
}

async function loadConversations() {
  const outcome = document.getElementById("outcome").value;
  const data = await call(`/api/conversations?page=${page}${outcome ? `&outcome=${outcome}` : ""}`);
  const rows = document.getElementById("conversation-rows");
  rows.replaceChildren();
  for (const conversation of data.conversations) {
    const row = element("tr");
    const link = element("td");
    link.append(conversationLink(conversation.id));
    row.append(
      element("td", conversation.last.replace("T", " ").slice(0, 16)),
      link,
      element("td", conversation.messages),
      element("td", conversation.outcomes.map((name) => OUTCOME_NAMES[name]).join("・")),
    );
    rows.append(row);
  }
  const pages = Math.max(1, Math.ceil(data.total / data.page_size));
  document.getElementById("page-info").textContent = `${data.page} / ${pages}（${data.total}件）`;
  document.getElementById("previous").disabled = data.page <= 1;
  document.getElementById("next").disabled = data.page >= pages;
}

async function openConversation(id) {
  const data = await call(`/api/conversation?id=${encodeURIComponent(id)}`);
  document.getElementById("transcript-id").textContent = data.id;
  document.getElementById("transcript-outcomes").textContent =
    data.outcomes.map((name) => OUTCOME_NAMES[name]).join("・") || "結果の記録なし";
  const turns = document.getElementById("transcript-turns");
  turns.replaceChildren();
  for (const turn of data.turns) {
    const item = element("li", null, { class: turn.who });
    item.append(element("time", turn.time.slice(11, 19)), element("p", turn.text));
    if (turn.who === "customer" && turn.intent) {
      const confidence = typeof turn.confidence === "number" ? ` ${turn.confidence.toFixed(2)}` : "";
      item.append(element("small", `${turn.intent}${confidence}`));
    }
    if (turn.buttons && turn.buttons.length) item.append(element("small", `ボタン: ${turn.buttons.join(" / ")}`));
    turns.append(item);
  }
  const panel = document.getElementById("transcript");
  panel.hidden = false;
  panel.scrollIntoView({ block: "nearest" });
}

function removeButton(path, done) {
  const button = element("button", "削除", { type: "button" });
  button.addEventListener("click", async () => {
    try {
      await call(path, { body: {} });
      say("削除しました");
      await done();
    } catch (error) {
      say(error.message);
    }
  });
  return button;
}

// A list of what operators added (windows, closed days), each with its remove button.
async function loadList(listId, path, key, describe, removePath) {
  const items = (await call(path))[key];
  const list = document.getElementById(listId);
  list.replaceChildren();
  for (const entry of items) {
    const item = element("li", describe(entry));
    item.append(removeButton(removePath(entry), () => loadList(listId, path, key, describe, removePath)));
    list.append(item);
  }
  if (!items.length) list.append(element("li", "ありません"));
}

function loadWindows() {
  return loadList(
    "window-list", "/api/windows", "windows", (span) => `${span.text}　${span.reason} `,
    (span) => `/api/windows/${span.id}/remove`,
  );
}

function loadClosedDays() {
  return loadList(
    "closed-day-list", "/api/closed-days", "closed_days", (closed) => `${closed.day}　${closed.reason} `,
    (closed) => `/api/closed-days/${closed.day}/remove`,
  );
}

function onSubmit(id, send) {
  document.getElementById(id).addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await send();
      event.target.reset();
      say("追加しました");
    } catch (error) {
      say(error.message);
    }
  });
}

async function loadPeriod() {
  await Promise.all([loadOverview(), loadNotUnderstood()]);
}

async function start() {
  intents = (await call("/api/intents")).intents;
  document.getElementById("days").addEventListener("change", () => loadPeriod().catch((e) => say(e.message)));
  document.getElementById("outcome").addEventListener("change", () => {
    page = 1;
    loadConversations().catch((e) => say(e.message));
  });
  document.getElementById("previous").addEventListener("click", () => {
    page -= 1;
    loadConversations().catch((e) => say(e.message));
  });
  document.getElementById("next").addEventListener("click", () => {
    page += 1;
    loadConversations().catch((e) => say(e.message));
  });
  onSubmit("window-form", async () => {
    await call("/api/windows", {
      body: {
        start: document.getElementById("window-start").value,
        end: document.getElementById("window-end").value,
        reason: document.getElementById("window-reason").value,
      },
    });
    await loadWindows();
  });
  onSubmit("closed-day-form", async () => {
    await call("/api/closed-days", {
      body: { day: document.getElementById("closed-day").value, reason: document.getElementById("closed-day-reason").value },
    });
    await loadClosedDays();
  });
  await Promise.all([loadPeriod(), loadConversations(), loadWindows(), loadClosedDays()]);
  const linked = new URLSearchParams(window.location.hash.slice(1)).get("conversation");
  if (linked) await openConversation(linked);
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", () => start().catch((error) => say(error.message)));
