// Start GOV.UK Frontend's components (error summary focus, password reveal, service
// navigation menu ...). Loaded as a module, so only browsers that support them run it.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
