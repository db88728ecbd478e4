import { describe, expect, it } from 'vitest';
import { autoencoderShapes, type AEConfig } from './autoencoder.ts';
import type { BaselineConfig } from './baseline.ts';
import { defaultCalmConfig, calmShapes } from './calm.ts';
import { aeDecoderFlops, aeEncoderFlops, aeTrainFlopsPerToken, baselineTrainFlopsPerToken, calmTrainFlopsPerToken, baselineFlopsPerToken, calmFlopsPerToken, calmParamCounts, countShapes, energyHeadFlops } from './flops.ts';

const ae: AEConfig = { K: 4, vocabSize: 50, d: 8, ffn: 20, latent: 6, variational: true };
const calm = { ...defaultCalmConfig(4, 50, 6, { d: 8, layers: 2, heads: 2, ffn: 12, maxLen: 8 }), head: { width: 10, blocks: 2, noiseDim: 4 } };

describe('analytic FLOPs', () => {
  it('baseline: hand computation for a tiny model', () => {
    // d 2, 1 layer, ffn 3, V 5, context 4: weights 2·(4·2² + 3·2·3) = 68; attention 2·(2·4·2) = 32; head 2·2·5 = 20.
    const cfg: BaselineConfig = { vocabSize: 5, backbone: { d: 2, layers: 1, heads: 1, ffn: 3, maxLen: 8 } };
    const f = baselineFlopsPerToken(cfg, 4);
    expect(f.parts).toEqual({ backbone: 68, attention: 32, softmaxHead: 20 });
    expect(f.total).toBe(120);
  });

  it('every weight matrix is used once per sample / chunk (2 FLOPs per weight)', () => {
    const s = calmShapes(calm);
    expect(energyHeadFlops(calm)).toBe(2 * countShapes(s, (n) => n.startsWith('head.') && n.endsWith('.w')));
    const aeS = autoencoderShapes(ae);
    // Decoder matrices once, except the per-token layer (K times) and the tied embedding (K rows of logits).
    const tok = countShapes(aeS, (n) => n.startsWith('dec.tok.') && n !== 'dec.tok.norm');
    const rest = countShapes(aeS, (n) => ['dec.in.w', 'dec.expand.w', 'dec.chunk.gate', 'dec.chunk.up', 'dec.chunk.down'].includes(n));
    expect(aeDecoderFlops(ae)).toBe(2 * (rest + ae.K * tok + ae.K * ae.d * ae.vocabSize));
    const f = calmFlopsPerToken(calm, ae, 16);
    expect(f.parts.inputModule * calm.K).toBe(2 * countShapes(s, (n) => n === 'in1.w' || n === 'in2.w'));
    expect(f.parts.backbone * calm.K).toBe(2 * countShapes(s, (n) => n.startsWith('bb.') && !n.endsWith('Norm') && n !== 'bb.norm'));
    // 16 tokens of context = 4 chunk positions.
    expect(f.parts.attention * calm.K).toBe(2 * 2 * (2 * 4 * 8));
    expect(f.total).toBeCloseTo(Object.values(f.parts).reduce((a, b) => a + b, 0), 6);
  });

  it('autoencoder training: 3 × (encoder + decoder) forward per chunk, per token; the encoder uses every encoder weight once', () => {
    const aeS = autoencoderShapes(ae);
    const enc = countShapes(aeS, (n) => n.startsWith('enc.') && !n.endsWith('norm') && !n.endsWith('.b'));
    // The encoder's per-token layer runs K times; the other encoder matrices once.
    const tok = countShapes(aeS, (n) => n.startsWith('enc.tok.') && n !== 'enc.tok.norm');
    expect(aeEncoderFlops(ae)).toBe(2 * (enc - tok + ae.K * tok));
    expect(aeTrainFlopsPerToken(ae)).toBe((3 * (aeEncoderFlops(ae) + aeDecoderFlops(ae))) / ae.K);
  });
  it('parameter counts split into parts that sum to the total', () => {
    const c = calmParamCounts(calm, ae);
    expect(Object.values(c.parts).reduce((a, b) => a + b, 0)).toBe(c.total);
    expect(c.autoencoder).toBe(countShapes(autoencoderShapes(ae)));
  });

  it('training FLOPs: 3 × forward per trained token, CALM counting its frozen encoder and the energy loss', () => {
    // Baseline, the tiny model above at context 7: mean keys 4 → the inference figure at context 4, times 3.
    const cfg: BaselineConfig = { vocabSize: 5, backbone: { d: 2, layers: 1, heads: 1, ffn: 3, maxLen: 8 } };
    expect(baselineTrainFlopsPerToken(cfg, 7)).toBe(3 * 120);
    // Encoder: every matrix once except the per-token layer (K times) and the K·d → d flatten.
    const aeS = autoencoderShapes(ae);
    const enc = countShapes(aeS, (n) => n.startsWith('enc.') && !n.endsWith('norm') && !n.endsWith('.b'));
    const perTok = countShapes(aeS, (n) => n.startsWith('enc.tok.') && n !== 'enc.tok.norm');
    expect(aeEncoderFlops(ae)).toBe(2 * (enc + (ae.K - 1) * perTok));
    // CALM at 16 tokens = 4 chunk positions (mean keys 2.5), N samples, M targets.
    const c = { ...calm, samples: 3, targets: 7 };
    const inf = calmFlopsPerToken(c, ae, 16);
    const fwd = (inf.parts.inputModule + inf.parts.backbone) * c.K + 2 * 2 * (2 * 2.5 * 8) + 3 * energyHeadFlops(c)
      + aeEncoderFlops(ae) + 2 * (3 * 7 * 6 + 3 * 3 * 6);
    expect(calmTrainFlopsPerToken(c, ae, 16)).toBeCloseTo((3 * fwd) / c.K, 6);
  });
});
