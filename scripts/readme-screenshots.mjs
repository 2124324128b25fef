// Takes the README's screenshots from the real app (built browser host + Debian's Chromium):
//   npm run build && node scripts/readme-screenshots.mjs
// docs/screenshot.png — the circles template trained: outcome, final numbers, curves, decision regions
// docs/outcome.png    — the tutorial classifier at learning rate 10: "did not learn" with its remedy
import * as path from 'node:path';
import { launchChromium, root, startBrowserHost } from '../bench/lib/browser-host.mjs';

const { url, server } = await startBrowserHost();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  await page.getByTestId('palette-Input').waitFor();
  const status = () => page.getByTestId('run-status').textContent();
  const waitDone = async () => {
    for (let i = 0; i < 1200 && !/^Done|^Diverged/.test((await status()) ?? ''); i++) await page.waitForTimeout(250);
  };

  await page.getByTestId('template-picker').selectOption('playground-circles');
  await page.waitForTimeout(500);
  await page.getByTestId('train-button').click();
  await waitDone();
  await page.getByTestId('tab-data').click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(root, 'docs/screenshot.png') });

  await page.getByTestId('template-picker').selectOption('keras-tutorial-classifier');
  await page.waitForTimeout(500);
  const lr = page.getByTestId('setting-learningRate');
  await lr.fill('10');
  await lr.blur();
  await page.getByTestId('train-button').click();
  await waitDone();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(root, 'docs/outcome.png') });
  console.log('wrote docs/screenshot.png and docs/outcome.png');
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
