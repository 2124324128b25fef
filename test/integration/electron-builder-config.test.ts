import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

// Validates electron-builder.yml against electron-builder's own schema, offline (no packaging).
const root = join(__dirname, '..', '..');

describe('electron-builder configuration', () => {
  it('passes electron-builder schema validation', async () => {
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('targets Windows, macOS and Linux, associates .neurite and unpacks native tfjs files', async () => {
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    expect(config.win?.target).toBe('nsis');
    expect(config.mac?.target).toBe('dmg');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    const associations = Array.isArray(config.fileAssociations) ? config.fileAssociations : [config.fileAssociations];
    expect(associations.map((a) => a?.ext)).toContain('neurite');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/@tensorflow/tfjs-node/**']));
  });

  it('flips the Electron fuses that close code-injection paths into the packaged app', async () => {
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
