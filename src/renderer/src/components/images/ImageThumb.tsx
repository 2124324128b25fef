import { useEffect, useRef } from 'react';

/**
 * One image drawn from raw values (HWC, 0…maxValue) at its own resolution and shown `size` pixels
 * wide, unsmoothed: exactly the pixels the model is given before scaling. Brightness is value ÷
 * maxValue (white = maxValue), as the set stores it.
 */
export function ImageThumb({
  values,
  offset = 0,
  height,
  width,
  channels,
  maxValue,
  size,
  testId,
  title,
}: {
  values: ArrayLike<number>;
  offset?: number;
  height: number;
  width: number;
  channels: number;
  maxValue: number;
  size: number;
  testId?: string;
  title?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const image = context.createImageData(width, height);
    for (let p = 0; p < width * height; p++) {
      const at = offset + p * channels;
      for (let c = 0; c < 3; c++) image.data[p * 4 + c] = Math.round((Math.max(0, Math.min(maxValue, values[at + (channels === 1 ? 0 : c)])) / maxValue) * 255);
      image.data[p * 4 + 3] = 255;
    }
    context.putImageData(image, 0, 0);
  }, [values, offset, height, width, channels, maxValue]);
  const scale = size / Math.max(width, height);
  return <canvas ref={ref} className="image-thumb" width={width} height={height} style={{ width: width * scale, height: height * scale }} data-testid={testId} title={title} />;
}
