import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64ToBytes } from '../../src/shared/project/base64';
import { imageDataFiles } from '../../src/shared/codegen/image-data';
import { loadBuiltinImages } from '../../src/main/data/builtin-images';
import { forkNodeTrainer } from '../../src/main/engine/fork-node';
import { TrainerHost } from '../../src/main/engine/trainer-host';
import { digitsSpec } from '../tools/image-project';
import { scaleCsvText, scaleDataset } from '../tools/scale-project';

/**
 * Issue 18, the app's "Train at scale…" data (`code.packageData`) through the real trainer
 * process (built out/main/trainer.js; `npm run build` first): the CSV comes back as its text
 * (UTF-8), the images as the code export's .npy files, and a CSV that is not on this computer is
 * refused with what to do.
 */
const TRAINER = path.resolve(__dirname, '../../out/main/trainer.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'neurite-package-data-'));
let host: TrainerHost;
const previous = process.env.NEURITE_DATA_DIR;

beforeAll(() => {
  if (!existsSync(TRAINER)) throw new Error(`${TRAINER} is missing: run npm run build first.`);
  // An empty data store: the trainer finds only what the project embeds.
  process.env.NEURITE_DATA_DIR = dataDir;
  host = new TrainerHost(() => forkNodeTrainer(TRAINER), () => undefined);
});

afterAll(() => {
  host?.dispose();
  if (previous === undefined) delete process.env.NEURITE_DATA_DIR;
  else process.env.NEURITE_DATA_DIR = previous;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('code.packageData in the trainer process (issue 18)', () => {
  it("gives the CSV's text, named after the imported file", async () => {
    const text = scaleCsvText(50);
    const { files } = await host.codePackageData(scaleDataset(text, 'my people.csv'), 'unused');
    expect(files.map((f) => f.name)).toEqual(['my_people.csv']);
    expect(new TextDecoder().decode(base64ToBytes(files[0].data)!)).toBe(text);
  });

  it('gives the images and labels as the code export writes them', async () => {
    const dataset = digitsSpec('unit', 40);
    const { files } = await host.codePackageData(dataset, 'Digits');
    const expected = imageDataFiles(dataset, loadBuiltinImages('digits'), 'Digits');
    expect(files.map((f) => f.name)).toEqual(expected.map((f) => f.name));
    files.forEach((f, i) => expect(Buffer.from(base64ToBytes(f.data)!).equals(Buffer.from(expected[i].bytes))).toBe(true));
  });

  it('refuses a CSV that is not on this computer, saying what to do', async () => {
    const { embedded: _embedded, ...notHere } = scaleDataset(scaleCsvText(50), 'gone.csv');
    await expect(host.codePackageData(notHere, 'unused')).rejects.toThrow(/The CSV file 'gone\.csv' is not available on this computer any more .* Import it again \(Dataset → Import data…\), then export again\./);
  });
});
