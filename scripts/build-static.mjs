// Build Bluelamp's front-end assets into src/bluelamp/static/govuk/ (not committed):
// the stylesheet (GOV.UK Frontend with Bluelamp's settings) and GOV.UK Frontend's script.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "src/bluelamp/static/govuk");
const frontend = join(root, "node_modules/govuk-frontend/dist/govuk");

mkdirSync(out, { recursive: true });
const result = sass.compile(join(root, "src/bluelamp/static_src/bluelamp.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
});
writeFileSync(join(out, "bluelamp.css"), result.css);
copyFileSync(join(frontend, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
const { version } = JSON.parse(readFileSync(join(frontend, "../../package.json"), "utf8"));
writeFileSync(join(out, "VERSION"), `govuk-frontend ${version}\n`);
console.log(`built ${out}`);
