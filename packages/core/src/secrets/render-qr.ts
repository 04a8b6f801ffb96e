// STUB
export type QrFormat = 'svg' | 'png' | 'data-url' | 'terminal';
export async function renderQr(_uri: string, _format: 'png'): Promise<Uint8Array>;
export async function renderQr(_uri: string, _format: 'svg' | 'data-url' | 'terminal'): Promise<string>;
export async function renderQr(_uri: string, _format: QrFormat): Promise<string | Uint8Array> {
  throw new Error('not implemented');
}
