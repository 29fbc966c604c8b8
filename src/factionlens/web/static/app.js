// factionlens web: the only page script. Sends review forms to the write API with the token
// (typed into the page, kept in this tab's sessionStorage) and drops empty filter fields from
// GET forms so the resulting URLs stay short and citable.
"use strict";

function tokenValue() {
  const input = document.getElementById("api-token");
  if (input && input.value) {
    sessionStorage.setItem("factionlens-token", input.value);
    return input.value;
  }
  return sessionStorage.getItem("factionlens-token") || "";
}

async function sendForm(form) {
  const out = form.querySelector("output");
  const field = form.dataset.field;
  const body = field ? JSON.stringify({ [field]: form.elements[field].value }) : null;
  const headers = { Authorization: "Bearer " + tokenValue() };
  if (body) headers["Content-Type"] = "application/json";
  try {
    const resp = await fetch(form.dataset.api, { method: "POST", headers, body });
    const data = await resp.json();
    if (out) out.textContent = resp.ok ? "done" : data.error || "failed";
    if (resp.ok) form.closest("article, section")?.classList.add("reviewed");
  } catch (err) {
    if (out) out.textContent = "request failed";
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const saved = sessionStorage.getItem("factionlens-token");
  const input = document.getElementById("api-token");
  if (input && saved) input.value = saved;
  for (const form of document.querySelectorAll("form.api-form")) {
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      sendForm(form);
    });
  }
  for (const form of document.querySelectorAll("form.filters")) {
    form.addEventListener("submit", () => {
      for (const el of form.elements) {
        if (el.name && !el.value) el.disabled = true;
      }
    });
  }
});
