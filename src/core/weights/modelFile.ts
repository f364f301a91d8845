import { readBinModel, type Model } from './binFile.ts';
import { isSafetensors, readSafetensors } from './safetensors.ts';

/** A model file of any of the formats this project writes: `.bin`, `.safetensors` (dense or compact). */
export function readModelFile(bytes: Uint8Array): Model {
  return isSafetensors(bytes) ? readSafetensors(bytes) : readBinModel(bytes);
}
