// The JS side of the interop samples (module "app").
export function createObject() {
  return { name: "Arthur", answer: 41, question: "?" };
}

export function summarize(obj) {
  return `${obj.name} asks "${obj.question}" and gets ${obj.answer}`;
}

export function createTarget() {
  return new EventTarget();
}

export function fire(target) {
  target.dispatchEvent(new Event("click"));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function wait(ms) {
  await sleep(ms);
}

export async function waitGetString(ms) {
  await sleep(ms);
  return "waited for a string";
}

export async function waitGetDate(ms) {
  await sleep(ms);
  return new Date(Date.UTC(2026, 10, 21));
}

export async function fetchText(url) {
  const r = await fetch(url);
  return r.text();
}

export async function failLater(message) {
  await sleep(1);
  throw new TypeError(message);
}
