import { useEffect, useRef, useState } from 'react';
import type { FeatureMapsInfo } from '../../../../shared/api/contract';
import type { ImagesDataset } from '../../../../shared/project/schema';
import { useT } from '../../i18n';
import { filterTiles, imageTiles, mapTiles, type Tile } from './feature-tiles';

/** At most this many channels (or filters) are drawn per layer; the heading says when there are more. */
export const MAX_TILES = 64;
/** A tile's longest side on screen, in CSS pixels (each data pixel a square block). */
const TILE_PX = 48;

/**
 * Issue 14, "for a chosen image: the feature maps of each convolutional layer, and the learned
 * filters of the first one". Self-contained: give it the run whose model to use, the image as a
 * raw row (one value per pixel, 0…maxValue, HWC, as the dataset stores it) and the dataset spec;
 * it asks the trainer (`model.activations`, which puts the row through the project's pipeline)
 * and draws every convolutional and pooling layer's output channels and the first Conv2D's
 * filters as grayscale tiles, each normalised on its own (see feature-tiles.ts).
 */
export function FeatureMapsView({ runId, image, spec, load = requestMaps }: { runId: string | null; image: readonly number[]; spec: ImagesDataset; load?: (runId: string, image: readonly number[]) => Promise<FeatureMapsInfo> }) {
  const t = useT();
  // Keyed by the pixel values, not the array's identity: a parent re-rendering with an equal image asks nothing new.
  const key = image.join(',');
  const [state, setState] = useState<{ kind: 'idle' | 'loading' } | { kind: 'done'; maps: FeatureMapsInfo } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  useEffect(() => {
    if (!runId) {
      setState({ kind: 'idle' });
      return;
    }
    let current = true;
    setState({ kind: 'loading' });
    load(runId, image).then(
      (maps) => current && setState({ kind: 'done', maps }),
      (error: unknown) => current && setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `image`
  }, [runId, key, load]);
  return (
    <section className="feature-maps" data-testid="feature-maps">
      <h3>{t('featureMaps.title')}</h3>
      {!runId ? (
        <p className="muted small" data-testid="feature-maps-no-model">{t('featureMaps.noModel')}</p>
      ) : state.kind === 'failed' ? (
        <p className="field-error small" role="alert" data-testid="feature-maps-error">{t('featureMaps.failed', { message: state.message })}</p>
      ) : state.kind === 'done' ? (
        <FeatureMapsContent maps={state.maps} image={image} spec={spec} />
      ) : (
        <p className="muted small" data-testid="feature-maps-loading">{t('featureMaps.loading')}</p>
      )}
    </section>
  );
}

/** `model.activations` (loaded on first use: the api module needs the app's window). */
async function requestMaps(runId: string, image: readonly number[]): Promise<FeatureMapsInfo> {
  const [{ api }, { withRunModel }] = await Promise.all([import('../../api'), import('../../store/training')]);
  return withRunModel(runId, (id) => api['model.activations']({ runId: id, input: [...image] }));
}

const range = (tile: Tile) => (Number.isNaN(tile.min) ? '–' : `${formatValue(tile.min)} … ${formatValue(tile.max)}`);

function formatValue(v: number): string {
  return Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.001) ? v.toExponential(2) : String(Number(v.toPrecision(3)));
}

/** The drawing, from maps already computed: the input image, each layer's channels, the first filters. */
export function FeatureMapsContent({ maps, image, spec }: { maps: FeatureMapsInfo; image: readonly number[]; spec: ImagesDataset }) {
  const t = useT();
  const input = imageTiles(image, spec.height, spec.width, spec.channels, spec.maxValue);
  return (
    <div className="feature-maps-content">
      <p className="muted small">{t('featureMaps.note')}</p>
      <div className="feature-maps-layer" data-testid="feature-maps-input">
        <h4 className="small">{t('featureMaps.input', { height: spec.height, width: spec.width, channels: spec.channels })}</h4>
        <div className="feature-maps-tiles">
          {input.map((tile, ch) => (
            <TileCanvas key={ch} tile={tile} title={t('featureMaps.inputRange', { channel: ch, max: spec.maxValue })} />
          ))}
        </div>
      </div>
      {maps.layers.length === 0 && <p className="muted small" data-testid="feature-maps-none">{t('featureMaps.noConv')}</p>}
      {maps.layers.map((layer) => {
        const [h, w, c] = layer.shape;
        const tiles = mapTiles(layer.shape, layer.values, MAX_TILES);
        return (
          <div key={layer.nodeId} className="feature-maps-layer" data-testid="feature-maps-layer" data-node-id={layer.nodeId}>
            <h4 className="small">
              {t('featureMaps.layer', { name: layer.name, type: layer.type, height: h, width: w, channels: c })}
              {c > tiles.length ? ` ${t('featureMaps.firstShown', { shown: tiles.length, total: c })}` : ''}
            </h4>
            <div className="feature-maps-tiles">
              {tiles.map((tile, ch) => (
                <TileCanvas key={ch} tile={tile} title={t('featureMaps.tileRange', { channel: ch, range: range(tile) })} />
              ))}
            </div>
          </div>
        );
      })}
      {maps.filters && <Filters filters={maps.filters} />}
    </div>
  );
}

function Filters({ filters }: { filters: NonNullable<FeatureMapsInfo['filters']> }) {
  const t = useT();
  const [kh, kw, cin, cout] = filters.shape;
  const tiles = filterTiles(filters.shape, filters.values, MAX_TILES);
  return (
    <div className="feature-maps-layer" data-testid="feature-maps-filters" data-node-id={filters.nodeId}>
      <h4 className="small">
        {t('featureMaps.filters', { name: filters.name, kh, kw, cin, cout })}
        {cout > tiles.length ? ` ${t('featureMaps.firstShown', { shown: tiles.length, total: cout })}` : ''}
      </h4>
      <div className="feature-maps-tiles">
        {tiles.map((perChannel, f) => (
          <span key={f} className="feature-maps-filter">
            {perChannel.map((tile, c) => (
              <TileCanvas key={c} tile={tile} title={t('featureMaps.filterRange', { filter: f, channel: c, range: range(tile) })} />
            ))}
          </span>
        ))}
      </div>
    </div>
  );
}

/** One tile: a canvas of the tile's own size, shown enlarged with crisp pixels. */
function TileCanvas({ tile, title }: { tile: Tile; title: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (context) context.putImageData(new ImageData(tile.rgba, tile.width, tile.height), 0, 0);
  }, [tile]);
  const scale = Math.max(1, Math.floor(TILE_PX / Math.max(tile.width, tile.height)));
  return (
    <canvas
      ref={ref}
      className="feature-maps-tile"
      width={tile.width}
      height={tile.height}
      style={{ width: tile.width * scale, height: tile.height * scale, imageRendering: 'pixelated' }}
      title={title}
      aria-label={title}
      data-testid="feature-maps-tile"
    />
  );
}
