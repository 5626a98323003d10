// The round's page: shows the question, sends this phone's answer, follows the round
// (open, revealed, closed) by asking for its state every few seconds. Every text from the
// round or another phone goes in as text (textContent), never as markup.
"use strict";
(function () {
  const config = JSON.parse(document.getElementById("config").textContent);
  const t = config.texts;
  const el = (id) => document.getElementById(id);
  const form = el("form"), inputs = el("inputs"), send = el("send");
  const message = el("message"), count = el("count"), result = el("result");
  let asks = null, status = null, mine = null, built = false;

  function node(tag, attrs, text) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function say(text, isError) {
    message.textContent = text;
    message.className = isError ? "error" : "";
  }

  function build() {
    inputs.replaceChildren();
    if (asks.kind === "scores") {
      el("hint").textContent = asks.scale.low + " = " + asks.scale.low_words + ", " + asks.scale.high + " = " + asks.scale.high_words;
      asks.items.forEach((item, i) => {
        const set = node("fieldset");
        set.append(node("legend", {}, item.title));
        const row = node("div", { class: "scale" });
        for (let v = asks.scale.low; v <= asks.scale.high; v++) {
          const label = node("label");
          const input = node("input", { type: "radio", name: "item" + i, value: String(v), "data-key": item.key, "aria-label": item.title + ": " + v });
          label.append(input, node("span", { "aria-hidden": "true" }, String(v)));
          row.append(label);
        }
        const words = node("div", { class: "words", "aria-hidden": "true" });
        words.append(node("span", {}, asks.scale.low_words), node("span", {}, asks.scale.high_words));
        set.append(row, words);
        inputs.append(set);
      });
    } else if (asks.kind === "text") {
      el("hint").textContent = t.too_long;
      const area = node("textarea", { id: "text", maxlength: String(config.text_max), "aria-label": asks.question, autocomplete: "off" });
      inputs.append(area);
    } else {
      el("hint").textContent = asks.dots === 1 ? t.dots_one : t.dots_more.replace("{n}", asks.dots);
      const set = node("fieldset", { class: "options" });
      set.append(node("legend", { class: "sr-only" }, asks.question));  // the heading says it already
      asks.options.forEach((option, i) => {
        const label = node("label");
        const input = node("input", { type: asks.dots === 1 ? "radio" : "checkbox", name: "choice", value: String(i) });
        label.append(input, node("span", {}, option));
        set.append(label);
      });
      inputs.append(set);
    }
    built = true;
    if (mine !== null) fill(mine);
  }

  function fill(answer) {
    if (asks.kind === "scores") {
      for (const input of inputs.querySelectorAll("input")) input.checked = answer[input.dataset.key] === Number(input.value);
    } else if (asks.kind === "text") {
      el("text").value = answer;
    } else {
      for (const input of inputs.querySelectorAll("input")) input.checked = answer.includes(Number(input.value));
    }
  }

  function answer() {
    if (asks.kind === "scores") {
      const scores = {};
      for (const input of inputs.querySelectorAll("input:checked")) scores[input.dataset.key] = Number(input.value);
      return scores;
    }
    if (asks.kind === "text") return el("text").value;
    return Array.from(inputs.querySelectorAll("input:checked"), (input) => Number(input.value));
  }

  function showResult(data) {
    result.replaceChildren();
    if (!data) { result.hidden = true; return; }
    for (const item of data.items) {
      result.append(node("h2", {}, item.title));
      const bars = node("div", { class: "bars" });
      const most = Math.max(1, ...item.counts);
      item.counts.forEach((n, i) => {
        const bar = node("div", { class: "bar", role: "img", "aria-label": (asks.scale.low + i) + ": " + n });
        bar.style.width = (100 * n / most) + "%";
        bars.append(node("span", {}, String(asks.scale.low + i)), bar, node("span", {}, String(n)));
      });
      result.append(bars);
      if (item.median !== null) result.append(node("p", { class: "hint" }, t.median + ": " + item.median));
    }
    for (const text of data.texts) result.append(node("p", { class: "card" }, text));
    for (const choice of data.choices) result.append(node("p", { class: "card" }, choice.option + ": " + choice.dots));
    result.hidden = false;
  }

  function show(state) {
    asks = state.asks;
    status = state.status;
    if (mine === null && state.mine !== null) mine = state.mine;
    if (!built) build();
    count.textContent = t.count.replace("{count}", state.count).replace("{expected}", state.expected);
    const open = status === "open";
    form.hidden = !open;
    send.textContent = mine === null ? t.send : t.change;
    if (status === "revealed") say(t.revealed, false);
    else if (status === "closed") say(t.closed, false);
    else if (message.textContent === t.revealed || message.textContent === t.closed || message.textContent === t.offline) say(mine === null ? "" : t.received, false);
    showResult(open ? null : state.result);
  }

  async function poll() {
    try {
      const response = await fetch("state", { cache: "no-store", credentials: "same-origin" });
      if (response.status === 404) { say(t.gone, true); form.hidden = true; return; }
      if (response.ok) show(await response.json());
    } catch (e) {
      say(t.offline, true);
    }
    setTimeout(poll, config.poll_ms);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    send.disabled = true;
    try {
      const response = await fetch("answer", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ answer: answer() }),
      });
      const data = await response.json().catch(() => ({}));
      if (response.ok) {
        mine = data.mine;
        say(t.received, false);
        send.textContent = t.change;
      } else {
        say(data.error || t.failed, true);
      }
    } catch (e) {
      say(t.offline, true);
    } finally {
      send.disabled = false;
    }
  });

  el("anonymous").textContent = t.anonymous;
  send.textContent = t.send;
  poll();
})();
