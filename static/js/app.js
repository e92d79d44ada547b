// Starts GOV.UK Frontend and MOJ Frontend components. Loaded as a module, so browsers without module support
// (and people with JavaScript off) get the plain pages, which work on their own.
import { initAll } from "/assets/vendor/govuk-frontend.min.js";
import { initAll as initMojAll } from "/assets/vendor/moj-frontend.min.js";

initAll();
initMojAll();
