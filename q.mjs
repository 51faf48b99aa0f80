import * as pf from "/tmp/review-helper/pf.mjs";
import { createRequire } from "module";
const require = createRequire(import.meta.url);
const t = require("/tmp/review-helper/head/docs/assets/javascripts/portal-search-terms.js");
const lang = process.argv[2]; const queries = JSON.parse(process.argv[3]);
await pf.options({ basePath: "http://127.0.0.1:18765/pagefind/", baseUrl: "/" });
await pf.init(lang);
for (const q of queries) {
  const r = await pf.search(q);
  const urls = r ? await Promise.all(r.results.slice(0, 5).map(async (x) => (await x.data()).url)) : null;
  console.log(JSON.stringify(q), "->", r ? r.results.length : r, JSON.stringify(urls));
}
