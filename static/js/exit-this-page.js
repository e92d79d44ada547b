// When "Exit this page" is used (its button, or Shift pressed three times), GOV.UK Frontend hides the page and goes
// to the exit page. As it does, this posts to the same address with the CSRF token, which forgets the answers in
// this browser: the exit's own request. A GET of the exit address changes nothing.

const exit = document.querySelector("[data-module='govuk-exit-this-page'][data-forget-url]");
if (exit && navigator.sendBeacon) {
  let sent = false;
  const forget = () => {
    if (sent || !document.body.classList.contains("govuk-exit-this-page-hide-content")) return;
    sent = true;
    const data = new FormData();
    data.append("csrf_token", exit.dataset.csrfToken);
    navigator.sendBeacon(exit.dataset.forgetUrl, data);
  };
  new MutationObserver(forget).observe(document.body, { attributes: true, attributeFilter: ["class"] });
}
