// PNG export size. Pure; the painting itself is in raster.ts (it needs a canvas).

/** Chromium's canvas limits, with margin. */
const MAX_SIDE = 32_000;
const MAX_AREA = 200_000_000;

/** Scale for a crisp image within the canvas limits; below 1 the diagram is too large. */
export function pngScale(width: number, height: number): number {
  return Math.min(2, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
}
