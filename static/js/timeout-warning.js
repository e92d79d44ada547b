// The GOV.UK timeout warning: before the session ends, a modal dialog offers more time.
// If nobody answers, the page's own form is sent with a "save" marker while the session is still valid, so what was
// typed on this page is kept with the rest, and the server moves on to a page that says so. Without JavaScript there
// is no warning; answers are still saved each time a page is sent.

function minutesAndSeconds(seconds) {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [];
  if (minutes) parts.push(`${minutes} minute${minutes === 1 ? "" : "s"}`);
  if (rest || !minutes) parts.push(`${rest} second${rest === 1 ? "" : "s"}`);
  return parts.join(" and ");
}

// Sends the page's form as it is now, marked so that the server saves it without checking it.
function saveAndLeave(dialog) {
  const form = document.getElementById(dialog.dataset.form);
  if (!form) {
    window.location.href = dialog.dataset.leaveUrl;
    return;
  }
  const marker = document.createElement("input");
  marker.type = "hidden";
  marker.name = dialog.dataset.saveField;
  marker.value = "1";
  form.appendChild(marker);
  form.submit();
}

function start(dialog) {
  const timeout = Number(dialog.dataset.timeoutSeconds);
  const warning = Math.min(Number(dialog.dataset.warningSeconds), timeout);
  // Leave a little before the session really ends, so the save still knows whose answers they are.
  const margin = Math.min(15, Math.floor(warning / 4));
  const keepAliveUrl = dialog.dataset.keepAliveUrl;
  const announcement = dialog.dataset.announcement;
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
    liveRegion.textContent = `${announcement} ${minutesAndSeconds(left)}.`;
    dialog.showModal();
    tick = setInterval(() => {
      left -= 1;
      countdown.textContent = minutesAndSeconds(Math.max(left, 0));
      if (left % 30 === 0 && left > 0) {
        liveRegion.textContent = `${announcement} ${minutesAndSeconds(left)}.`;
      }
      if (left <= 0) {
        clearInterval(tick);
        saveAndLeave(dialog);
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
