// The end-to-end tests drive Debian's Chromium; Playwright's own browser download cannot work
// offline. Fail loudly (never skip) when it is missing, and say how to install it.
import { existsSync } from 'node:fs';

const path = process.env.NEURITE_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(
    `End-to-end tests need Chromium at ${path}, and it is not there.\n` +
      `Install it with:  sudo apt-get install -y chromium   (Debian/Ubuntu)\n` +
      `or point NEURITE_CHROMIUM at a Chromium or Chrome binary.`,
  );
  process.exit(1);
}
