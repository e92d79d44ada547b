// The GOV.UK timeout warning: before the session ends, a modal dialog offers more time.
// If nobody answers, the page moves to "save and come back later" while the session is still valid, so no
// answers are lost. Without JavaScript, answers are still saved each time a page is submitted.

function minutesAndSeconds(seconds) {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [];
  if (minutes) parts.push(`${minutes} minute${minutes === 1 ? "" : "s"}`);
  if (rest || !minutes) parts.push(`${rest} second${rest === 1 ? "" : "s"}`);
  return parts.join(" and ");
}

function start(dialog) {
  const timeout = Number(dialog.dataset.timeoutSeconds);
  const warning = Math.min(Number(dialog.dataset.warningSeconds), timeout);
  // Leave a little before the session really ends, so the save page still knows whose answers they are.
  const margin = Math.min(15, Math.floor(warning / 4));
  const keepAliveUrl = dialog.dataset.keepAliveUrl;
  const leaveUrl = dialog.dataset.leaveUrl;
  const countdown = dialog.querySelector("[data-countdown]");
  const liveRegion = dialog.querySelector("[data-live-countdown]");
  let warningTimer;
  let tick;
  let returnFocusTo;

  function schedule() {
    clearTimeout(warningTimer);
    warningTimer = setTimeout(warn, (timeout - warning) * 1000);
  }

  function warn() {
    returnFocusTo = document.activeElement;
    let left = warning - margin;
    countdown.textContent = minutesAndSeconds(left);
    liveRegion.textContent = `We will save your answers and leave this page in ${minutesAndSeconds(left)}.`;
    dialog.showModal();
    tick = setInterval(() => {
      left -= 1;
      countdown.textContent = minutesAndSeconds(Math.max(left, 0));
      if (left % 30 === 0 && left > 0) {
        liveRegion.textContent = `We will save your answers and leave this page in ${minutesAndSeconds(left)}.`;
      }
      if (left <= 0) {
        clearInterval(tick);
        window.location.href = leaveUrl;
      }
    }, 1000);
  }

  function keepGoing() {
    clearInterval(tick);
    fetch(keepAliveUrl, { credentials: "same-origin" }).finally(() => {
      dialog.close();
      if (returnFocusTo) returnFocusTo.focus();
      schedule();
    });
  }

  dialog.querySelector("[data-keep-going]").addEventListener("click", keepGoing);
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    keepGoing();
  });
  schedule();
}

const dialog = document.querySelector("[data-module='app-timeout-warning']");
if (dialog && typeof dialog.showModal === "function") {
  start(dialog);
}
