/**
 * The transcendental part of <math.h>, C source appended to the runtime libc (libc.ts): exact
 * fmod/ldexp/frexp/modf/scalbn, and exp, log, pow, the trigonometric, inverse trigonometric and
 * hyperbolic functions, hypot and cbrt, faithful (error below 1 ulp, measured against glibc's
 * long double functions by testing/libcDifferential.c). The algorithms and their costs are in
 * docs/c-runtime.md; the constant tables come from scripts/mathTables.py.
 */
export const LIBC_MATH = String.raw`
/* ------------------------------------------------------------------ <math.h> */
/* Algorithms: docs/c-runtime.md ("Transcendental functions"); tables from scripts/mathTables.py. */
typedef union { double d; struct { u32 lo, hi; } w; } math_bits;
static double math_from_words(u32 hi, u32 lo) { math_bits b; b.w.hi = hi; b.w.lo = lo; return b.d; }
static u32 math_high(double x) { math_bits b; b.d = x; return b.w.hi; }
static u32 math_low(double x) { math_bits b; b.d = x; return b.w.lo; }

/* x * 2^n with one rounding: large steps first, the last multiplication the only inexact one. */
WEAK double scalbn(double x, int n) {
  if (n > 1023) { x = x * 0x1p1023; n = n - 1023; if (n > 1023) { x = x * 0x1p1023; n = n - 1023; if (n > 1023) n = 1023; } }
  else if (n < -1022) {
    x = x * 0x1p-969; n = n + 969;
    if (n < -1022) { x = x * 0x1p-969; n = n + 969; if (n < -1022) n = -1022; }
  }
  return x * math_from_words((u32)(n + 1023) << 20, 0);
}
WEAK double ldexp(double x, int n) { return scalbn(x, n); }

WEAK double frexp(double x, int *e) {
  u32 hi = math_high(x);
  int biased = (int)((hi >> 20) & 0x7ff);
  int extra = 0;
  if (biased == 0) {
    if (x == 0) { *e = 0; return x; }
    x = x * 0x1p64; extra = 64; hi = math_high(x); biased = (int)((hi >> 20) & 0x7ff);
  }
  if (biased == 0x7ff) { *e = 0; return x; }
  *e = biased - 1022 - extra;
  return math_from_words((hi & 0x800fffffu) | 0x3fe00000u, math_low(x));
}

WEAK double modf(double x, double *whole) {
  double t = __builtin_trunc(x);
  *whole = t;
  if (__builtin_isinf(x)) return __builtin_copysign(0.0, x);
  return __builtin_copysign(x - t, x);
}

/* Exact: subtract |y| scaled by the largest power of two that fits; each difference is exact (Sterbenz). */
WEAK double fmod(double x, double y) {
  if (x != x || y != y || __builtin_isinf(x) || y == 0) return (x - x) / (y - y) + (x * y - x * y);
  double r = __builtin_fabs(x), a = __builtin_fabs(y);
  if (__builtin_isinf(y) || r < a) return x;
  int er, ea;
  frexp(a, &ea);
  while (r >= a) {
    frexp(r, &er);
    double t = scalbn(a, er - ea);
    if (t > r) t = scalbn(a, er - ea - 1);
    r = r - t;
  }
  return __builtin_copysign(r, x);
}

static const double exp2_table[256] = {
  0x1.0000000000000p+0, 0x0.0p+0,
  0x1.0163da9fb3335p+0, 0x1.b61299ab8cdb7p-54,
  0x1.02c9a3e778061p+0, -0x1.19083535b085dp-56,
  0x1.04315e86e7f85p+0, -0x1.0a31c1977c96ep-54,
  0x1.059b0d3158574p+0, 0x1.d73e2a475b465p-55,
  0x1.0706b29ddf6dep+0, -0x1.c91dfe2b13c27p-55,
  0x1.0874518759bc8p+0, 0x1.186be4bb284ffp-57,
  0x1.09e3ecac6f383p+0, 0x1.1487818316136p-54,
  0x1.0b5586cf9890fp+0, 0x1.8a62e4adc610bp-54,
  0x1.0cc922b7247f7p+0, 0x1.01edc16e24f71p-54,
  0x1.0e3ec32d3d1a2p+0, 0x1.03a1727c57b53p-59,
  0x1.0fb66affed31bp+0, -0x1.b9bedc44ebd7bp-57,
  0x1.11301d0125b51p+0, -0x1.6c51039449b3ap-54,
  0x1.12abdc06c31ccp+0, -0x1.1b514b36ca5c7p-58,
  0x1.1429aaea92de0p+0, -0x1.32fbf9af1369ep-54,
  0x1.15a98c8a58e51p+0, 0x1.2406ab9eeab0ap-55,
  0x1.172b83c7d517bp+0, -0x1.19041b9d78a76p-55,
  0x1.18af9388c8deap+0, -0x1.11023d1970f6cp-54,
  0x1.1a35beb6fcb75p+0, 0x1.e5b4c7b4968e4p-55,
  0x1.1bbe084045cd4p+0, -0x1.95386352ef607p-54,
  0x1.1d4873168b9aap+0, 0x1.e016e00a2643cp-54,
  0x1.1ed5022fcd91dp+0, -0x1.1df98027bb78cp-54,
  0x1.2063b88628cd6p+0, 0x1.dc775814a8495p-55,
  0x1.21f49917ddc96p+0, 0x1.2a97e9494a5eep-55,
  0x1.2387a6e756238p+0, 0x1.9b07eb6c70573p-54,
  0x1.251ce4fb2a63fp+0, 0x1.ac155bef4f4a4p-55,
  0x1.26b4565e27cddp+0, 0x1.2bd339940e9d9p-55,
  0x1.284dfe1f56381p+0, -0x1.a4c3a8c3f0d7ep-54,
  0x1.29e9df51fdee1p+0, 0x1.612e8afad1255p-55,
  0x1.2b87fd0dad990p+0, -0x1.10adcd6381aa4p-59,
  0x1.2d285a6e4030bp+0, 0x1.0024754db41d5p-54,
  0x1.2ecafa93e2f56p+0, 0x1.1ca0f45d52383p-56,
  0x1.306fe0a31b715p+0, 0x1.6f46ad23182e4p-55,
  0x1.32170fc4cd831p+0, 0x1.a9ce78e18047cp-55,
  0x1.33c08b26416ffp+0, 0x1.32721843659a6p-54,
  0x1.356c55f929ff1p+0, -0x1.b5cee5c4e4628p-55,
  0x1.371a7373aa9cbp+0, -0x1.63aeabf42eae2p-54,
  0x1.38cae6d05d866p+0, -0x1.e958d3c9904bdp-54,
  0x1.3a7db34e59ff7p+0, -0x1.5e436d661f5e3p-56,
  0x1.3c32dc313a8e5p+0, -0x1.efff8375d29c3p-54,
  0x1.3dea64c123422p+0, 0x1.ada0911f09ebcp-55,
  0x1.3fa4504ac801cp+0, -0x1.7d023f956f9f3p-54,
  0x1.4160a21f72e2ap+0, -0x1.ef3691c309278p-58,
  0x1.431f5d950a897p+0, -0x1.1c7dde35f7999p-55,
  0x1.44e086061892dp+0, 0x1.89b7a04ef80d0p-59,
  0x1.46a41ed1d0057p+0, 0x1.c944bd1648a76p-54,
  0x1.486a2b5c13cd0p+0, 0x1.3c1a3b69062f0p-56,
  0x1.4a32af0d7d3dep+0, 0x1.9cb62f3d1be56p-54,
  0x1.4bfdad5362a27p+0, 0x1.d4397afec42e2p-56,
  0x1.4dcb299fddd0dp+0, 0x1.8ecdbbc6a7833p-54,
  0x1.4f9b2769d2ca7p+0, -0x1.4b309d25957e3p-54,
  0x1.516daa2cf6642p+0, -0x1.f768569bd93efp-55,
  0x1.5342b569d4f82p+0, -0x1.07abe1db13cadp-55,
  0x1.551a4ca5d920fp+0, -0x1.d689cefede59bp-55,
  0x1.56f4736b527dap+0, 0x1.9bb2c011d93adp-54,
  0x1.58d12d497c7fdp+0, 0x1.295e15b9a1de8p-55,
  0x1.5ab07dd485429p+0, 0x1.6324c054647adp-54,
  0x1.5c9268a5946b7p+0, 0x1.c4b1b816986a2p-60,
  0x1.5e76f15ad2148p+0, 0x1.ba6f93080e65ep-54,
  0x1.605e1b976dc09p+0, -0x1.3e2429b56de47p-54,
  0x1.6247eb03a5585p+0, -0x1.383c17e40b497p-54,
  0x1.6434634ccc320p+0, -0x1.c483c759d8933p-55,
  0x1.6623882552225p+0, -0x1.bb60987591c34p-54,
  0x1.68155d44ca973p+0, 0x1.038ae44f73e65p-57,
  0x1.6a09e667f3bcdp+0, -0x1.bdd3413b26456p-54,
  0x1.6c012750bdabfp+0, -0x1.2895667ff0b0dp-56,
  0x1.6dfb23c651a2fp+0, -0x1.bbe3a683c88abp-57,
  0x1.6ff7df9519484p+0, -0x1.83c0f25860ef6p-55,
  0x1.71f75e8ec5f74p+0, -0x1.16e4786887a99p-55,
  0x1.73f9a48a58174p+0, -0x1.0a8d96c65d53cp-54,
  0x1.75feb564267c9p+0, -0x1.0245957316dd3p-54,
  0x1.780694fde5d3fp+0, 0x1.866b80a02162dp-54,
  0x1.7a11473eb0187p+0, -0x1.41577ee04992fp-55,
  0x1.7c1ed0130c132p+0, 0x1.f124cd1164dd6p-54,
  0x1.7e2f336cf4e62p+0, 0x1.05d02ba15797ep-56,
  0x1.80427543e1a12p+0, -0x1.27c86626d972bp-54,
  0x1.82589994cce13p+0, -0x1.d4c1dd41532d8p-54,
  0x1.8471a4623c7adp+0, -0x1.8d684a341cdfbp-55,
  0x1.868d99b4492edp+0, -0x1.fc6f89bd4f6bap-54,
  0x1.88ac7d98a6699p+0, 0x1.994c2f37cb53ap-54,
  0x1.8ace5422aa0dbp+0, 0x1.6e9f156864b27p-54,
  0x1.8cf3216b5448cp+0, -0x1.0d55e32e9e3aap-56,
  0x1.8f1ae99157736p+0, 0x1.5cc13a2e3976cp-55,
  0x1.9145b0b91ffc6p+0, -0x1.dd6792e582524p-54,
  0x1.93737b0cdc5e5p+0, -0x1.75fc781b57ebcp-57,
  0x1.95a44cbc8520fp+0, -0x1.64b7c96a5f039p-56,
  0x1.97d829fde4e50p+0, -0x1.d185b7c1b85d1p-54,
  0x1.9a0f170ca07bap+0, -0x1.173bd91cee632p-54,
  0x1.9c49182a3f090p+0, 0x1.c7c46b071f2bep-56,
  0x1.9e86319e32323p+0, 0x1.824ca78e64c6ep-56,
  0x1.a0c667b5de565p+0, -0x1.359495d1cd533p-54,
  0x1.a309bec4a2d33p+0, 0x1.6305c7ddc36abp-54,
  0x1.a5503b23e255dp+0, -0x1.d2f6edb8d41e1p-54,
  0x1.a799e1330b358p+0, 0x1.bcb7ecac563c7p-54,
  0x1.a9e6b5579fdbfp+0, 0x1.0fac90ef7fd31p-54,
  0x1.ac36bbfd3f37ap+0, -0x1.f9234cae76cd0p-55,
  0x1.ae89f995ad3adp+0, 0x1.7a1cd345dcc81p-54,
  0x1.b0e07298db666p+0, -0x1.bdef54c80e425p-54,
  0x1.b33a2b84f15fbp+0, -0x1.2805e3084d708p-57,
  0x1.b59728de5593ap+0, -0x1.c71dfbbba6de3p-54,
  0x1.b7f76f2fb5e47p+0, -0x1.5584f7e54ac3bp-56,
  0x1.ba5b030a1064ap+0, -0x1.efcd30e54292ep-54,
  0x1.bcc1e904bc1d2p+0, 0x1.23dd07a2d9e84p-55,
  0x1.bf2c25bd71e09p+0, -0x1.efdca3f6b9c73p-54,
  0x1.c199bdd85529cp+0, 0x1.11065895048ddp-55,
  0x1.c40ab5fffd07ap+0, 0x1.b4537e083c60ap-54,
  0x1.c67f12e57d14bp+0, 0x1.2884dff483cadp-54,
  0x1.c8f6d9406e7b5p+0, 0x1.1acbc48805c44p-56,
  0x1.cb720dcef9069p+0, 0x1.503cbd1e949dbp-56,
  0x1.cdf0b555dc3fap+0, -0x1.dd83b53829d72p-55,
  0x1.d072d4a07897cp+0, -0x1.cbc3743797a9cp-54,
  0x1.d2f87080d89f2p+0, -0x1.d487b719d8578p-54,
  0x1.d5818dcfba487p+0, 0x1.2ed02d75b3707p-55,
  0x1.d80e316c98398p+0, -0x1.11ec18beddfe8p-54,
  0x1.da9e603db3285p+0, 0x1.c2300696db532p-54,
  0x1.dd321f301b460p+0, 0x1.2da5778f018c3p-54,
  0x1.dfc97337b9b5fp+0, -0x1.1a5cd4f184b5cp-54,
  0x1.e264614f5a129p+0, -0x1.7b627817a1496p-54,
  0x1.e502ee78b3ff6p+0, 0x1.39e8980a9cc8fp-55,
  0x1.e7a51fbc74c83p+0, 0x1.2d522ca0c8de2p-54,
  0x1.ea4afa2a490dap+0, -0x1.e9c23179c2893p-54,
  0x1.ecf482d8e67f1p+0, -0x1.c93f3b411ad8cp-54,
  0x1.efa1bee615a27p+0, 0x1.dc7f486a4b6b0p-54,
  0x1.f252b376bba97p+0, 0x1.3a1a5bf0d8e43p-54,
  0x1.f50765b6e4540p+0, 0x1.9d3e12dd8a18bp-54,
  0x1.f7bfdad9cbe14p+0, -0x1.dbb12d006350ap-54,
  0x1.fa7c1819e90d8p+0, 0x1.74853f3a5931ep-55,
  0x1.fd3c22b8f71f1p+0, 0x1.2eb74966579e7p-57,
};
/* Adding 1.5 * 2^52 rounds |t| < 2^51 to an integer, which then sits in the low word. */
/* 2^k as a double for -1022 <= k <= 1023. */
static double math_pow2(int k) { return math_from_words((u32)(k + 1023) << 20, 0); }

/*
 * e^(hi + lo) for |lo| <= 2^-40 |hi|: k = round(128 (hi) / ln 2), r = hi - k ln2/128 (Cody-Waite, two
 * parts) + lo, e^x = 2^(k/128) e^r with |r| <= ln2/256 and a degree-5 Taylor polynomial.
 */
static double math_exp_parts(double hi, double lo) {
  if (hi != hi) return hi + hi;
  if (hi > 709.8) return hi * 0x1p1023;
  if (hi < -745.2) return 0x1p-1022 * 0x1p-1022;
  double shifted = hi * 0x1.71547652b82fep+7 + 0x1.8p52;
  int k = (int)math_low(shifted);
  double kf = shifted - 0x1.8p52;
  double r = (hi - kf * 0x1.62e42ff000000p-8) - kf * -0x1.718432a1b0e26p-42 + lo;
  double p = r + r * r * (0.5 + r * (0x1.5555555555555p-3 + r * (0x1.5555555555555p-5 + r * 0x1.1111111111111p-7)));
  int j = k & 127;
  int e = k >> 7;
  double th = exp2_table[2 * j], tl = exp2_table[2 * j + 1];
  double v = th + (tl + th * p);
  if (e < -1021) return (v * math_pow2(e + 1000)) * 0x1p-1000;
  if (e > 1023) return v * 2.0 * math_pow2(e - 1);
  return v * math_pow2(e);
}
WEAK double exp(double x) { return math_exp_parts(x, 0); }

static const double log_table[273] = {
  0x1.6800000000000p+0, -0x1.5d1bdbf581000p-2, 0x1.8d6bdc9c7c238p-44,
  0x1.6400000000000p+0, -0x1.51aad872e0000p-2, 0x1.f4bd8db0a7cc1p-44,
  0x1.6080000000000p+0, -0x1.478cd5959b000p-2, -0x1.ec89bf0c8d098p-45,
  0x1.5c80000000000p+0, -0x1.3bdd24eb15000p-2, 0x1.257b4970e6ed9p-44,
  0x1.5900000000000p+0, -0x1.31871c9544000p-2, -0x1.84fab94cecfd9p-46,
  0x1.5580000000000p+0, -0x1.27161913f8000p-2, -0x1.4f4f1f61564b4p-44,
  0x1.5200000000000p+0, -0x1.1c898c169a000p-2, 0x1.81410e5c62affp-44,
  0x1.4e80000000000p+0, -0x1.11e0e2dada000p-2, 0x1.a47f88fcce5bap-45,
  0x1.4b00000000000p+0, -0x1.071b85fcd6000p-2, 0x1.bcb8ba3e01a11p-44,
  0x1.4780000000000p+0, -0x1.f871b28956000p-3, 0x1.f75fd6a526efep-44,
  0x1.4480000000000p+0, -0x1.e598ed5a88000p-3, 0x1.d134bcf1e98a1p-47,
  0x1.4180000000000p+0, -0x1.d293581b6c000p-3, 0x1.83270128aaa5fp-44,
  0x1.3e00000000000p+0, -0x1.bc286742d8000p-3, -0x1.9ac53f39d121cp-44,
  0x1.3b00000000000p+0, -0x1.a8becfc882000p-3, -0x1.e3185cf21b9cfp-44,
  0x1.3800000000000p+0, -0x1.9525a9cf46000p-3, 0x1.297137d9f158fp-44,
  0x1.3500000000000p+0, -0x1.815c0a1436000p-3, 0x1.02a52f9201ce8p-44,
  0x1.3200000000000p+0, -0x1.6d60fe719e000p-3, 0x1.bc6e557134767p-44,
  0x1.2f80000000000p+0, -0x1.5c94007598000p-3, 0x1.a8d948cd23322p-44,
  0x1.2c80000000000p+0, -0x1.483bccce6e000p-3, -0x1.eea52723f6369p-46,
  0x1.2a00000000000p+0, -0x1.371fc201e8000p-3, -0x1.ee8779b2d8abcp-44,
  0x1.2700000000000p+0, -0x1.2266f190a6000p-3, 0x1.4d20ab840e7f6p-45,
  0x1.2480000000000p+0, -0x1.10f8e42254000p-3, 0x1.93b3843396307p-45,
  0x1.2200000000000p+0, -0x1.fec9131dc0000p-4, 0x1.54555d1ae6607p-44,
  0x1.1f80000000000p+0, -0x1.db5270187c000p-4, -0x1.9277856ae181fp-44,
  0x1.1d00000000000p+0, -0x1.b78c82bb10000p-4, 0x1.25ef7bc3987e7p-44,
  0x1.1a80000000000p+0, -0x1.9375e55594000p-4, -0x1.eddc37380c364p-44,
  0x1.1800000000000p+0, -0x1.6f0d28ae58000p-4, 0x1.4b4641b664613p-44,
  0x1.1580000000000p+0, -0x1.4a50d3aa1c000p-4, 0x1.f7fe1308973e2p-45,
  0x1.1380000000000p+0, -0x1.2cb0283f5c000p-4, -0x1.e1ee2ca657021p-44,
  0x1.1100000000000p+0, -0x1.0759835990000p-4, 0x1.b8ecfe4b59987p-44,
  0x1.0f00000000000p+0, -0x1.d276b8adb0000p-5, -0x1.6a423c78a64b0p-46,
  0x1.0c80000000000p+0, -0x1.868a830840000p-5, 0x1.2623a134ac693p-46,
  0x1.0a80000000000p+0, -0x1.494acc34d8000p-5, -0x1.11c78a56fd247p-45,
  0x1.0880000000000p+0, -0x1.0b94f7c198000p-5, 0x1.e89896f022783p-45,
  0x1.0600000000000p+0, -0x1.7b91b07d60000p-6, 0x1.3b955b602ace4p-44,
  0x1.0400000000000p+0, -0x1.fc0a8b0fc0000p-7, -0x1.f1e7cf6d3a69cp-50,
  0x1.0200000000000p+0, -0x1.fe02a6b100000p-8, -0x1.9e23f0dda40e4p-46,
  0x1.0000000000000p+0, 0x0.0p+0, 0x0.0p+0,
  0x1.fc00000000000p-1, 0x1.0101575880000p-7, 0x1.bce251998b506p-44,
  0x1.f800000000000p-1, 0x1.0205658930000p-6, 0x1.611d27c8e8417p-44,
  0x1.f480000000000p-1, 0x1.74321d3d00000p-6, 0x1.b4a690fe94778p-48,
  0x1.f080000000000p-1, 0x1.f7a9b16780000p-6, 0x1.42ad9271be7d7p-45,
  0x1.ed00000000000p-1, 0x1.35c8bfaa10000p-5, 0x1.8357d5ef9eb35p-44,
  0x1.e900000000000p-1, 0x1.788595a358000p-5, -0x1.08b0d083b3a4cp-46,
  0x1.e580000000000p-1, 0x1.b35dd9b588000p-5, 0x1.d5674d6cf558ep-44,
  0x1.e200000000000p-1, 0x1.eea31c0068000p-5, 0x1.c3dd83606d891p-44,
  0x1.de80000000000p-1, 0x1.152b799bb4000p-4, -0x1.9bb2907030829p-47,
  0x1.db00000000000p-1, 0x1.333d7f8184000p-4, -0x1.692b6a81b8848p-49,
  0x1.d780000000000p-1, 0x1.5188742260000p-4, 0x1.30a1d96258b3ep-44,
  0x1.d400000000000p-1, 0x1.700d30aeac000p-4, 0x1.c1e8da99ded32p-49,
  0x1.d100000000000p-1, 0x1.8a6477a91c000p-4, 0x1.c28c0af9bd6dfp-44,
  0x1.cd80000000000p-1, 0x1.a956d3ecac000p-4, 0x1.e63794c02c4afp-44,
  0x1.ca80000000000p-1, 0x1.c40d6425a4000p-4, 0x1.cb1121d1930ddp-44,
  0x1.c700000000000p-1, 0x1.e3707ee304000p-4, 0x1.0f684e6766abdp-45,
  0x1.c400000000000p-1, 0x1.fe89139dbc000p-4, 0x1.56594d82f7a82p-44,
  0x1.c100000000000p-1, 0x1.0ce7ecdccc000p-3, 0x1.4652dabff5447p-46,
  0x1.be00000000000p-1, 0x1.1aa2b7e240000p-3, -0x1.1ac38dde3b366p-44,
  0x1.bb00000000000p-1, 0x1.28753bc11a000p-3, 0x1.7494e359302e6p-44,
  0x1.b800000000000p-1, 0x1.365fcb015a000p-3, -0x1.fd3a0afb9691bp-44,
  0x1.b500000000000p-1, 0x1.4462b9dc9c000p-3, -0x1.84858a711b062p-44,
  0x1.b200000000000p-1, 0x1.527e5e4a1c000p-3, -0x1.4e60b8d4b411dp-44,
  0x1.af00000000000p-1, 0x1.60b3100b0a000p-3, -0x1.71456c988f814p-44,
  0x1.ac80000000000p-1, 0x1.6c9d07d204000p-3, -0x1.c73fafd9b2dcap-50,
  0x1.a980000000000p-1, 0x1.7b00916516000p-3, -0x1.ae75fcb067e57p-44,
  0x1.a700000000000p-1, 0x1.871213750e000p-3, 0x1.328eb42f9af75p-44,
  0x1.a400000000000p-1, 0x1.95a5adcf70000p-3, 0x1.7f22858a0ff6fp-47,
  0x1.a180000000000p-1, 0x1.a1dfc40f1c000p-3, -0x1.01e0f004f3781p-44,
  0x1.9f00000000000p-1, 0x1.ae2ca6f672000p-3, 0x1.7a8d5ae54f550p-44,
  0x1.9c00000000000p-1, 0x1.bd087383be000p-3, -0x1.d4bc4595412b6p-45,
  0x1.9980000000000p-1, 0x1.c97f8079d4000p-3, 0x1.3b161a8c6e6c5p-45,
  0x1.9700000000000p-1, 0x1.d60a17f904000p-3, -0x1.5d6e06fc20d39p-44,
  0x1.9480000000000p-1, 0x1.e2a877a6b2000p-3, 0x1.823817787081ap-44,
  0x1.9200000000000p-1, 0x1.ef5ade4dd0000p-3, -0x1.a211565bb8e11p-51,
  0x1.8f80000000000p-1, 0x1.fc218be620000p-3, 0x1.4bba46f1cf6a0p-44,
  0x1.8d00000000000p-1, 0x1.047e60cde8000p-2, 0x1.dbdf10d397f3cp-45,
  0x1.8b00000000000p-1, 0x1.09aa572e6c000p-2, 0x1.b50a1e1734342p-44,
  0x1.8880000000000p-1, 0x1.102ac0a35d000p-2, -0x1.f1fbddfdfd686p-45,
  0x1.8600000000000p-1, 0x1.16b5ccbad0000p-2, -0x1.23299042d74bfp-44,
  0x1.8400000000000p-1, 0x1.1bf99635a7000p-2, -0x1.1ac89575c2125p-44,
  0x1.8180000000000p-1, 0x1.22981fbef8000p-2, -0x1.a1421609580dap-44,
  0x1.7f80000000000p-1, 0x1.27ebaf58d9000p-2, -0x1.b198800b4bda7p-45,
  0x1.7d00000000000p-1, 0x1.2e9e2bce12000p-2, 0x1.4300c128d1dc2p-45,
  0x1.7b00000000000p-1, 0x1.3401e12aed000p-2, -0x1.17c73556e291dp-44,
  0x1.7880000000000p-1, 0x1.3ac8ca38e6000p-2, -0x1.d0befbc02be4ap-45,
  0x1.7680000000000p-1, 0x1.403d086cea000p-2, 0x1.e6ef574487308p-44,
  0x1.7480000000000p-1, 0x1.45b8c0a17e000p-2, -0x1.d9120e7d0a853p-47,
  0x1.7280000000000p-1, 0x1.4b3c077268000p-2, -0x1.65b4681052b9fp-46,
  0x1.7000000000000p-1, 0x1.522ae0738a000p-2, 0x1.ebe708164c759p-45,
  0x1.6e00000000000p-1, 0x1.57bf753c8d000p-2, 0x1.fadedee5d40efp-46,
  0x1.6c00000000000p-1, 0x1.5d5bddf596000p-2, -0x1.a0b2a08a465dcp-47,
  0x1.6a00000000000p-1, 0x1.630030b3ab000p-2, -0x1.db623e731ae00p-45,
};
/*
 * log x as hi + lo (hi + lo not yet rounded; |lo| tiny against |hi|): x = 2^k m, m in [sqrt(1/2), sqrt 2),
 * c = 1/invc near m from a table (invc has 10 bits, so m invc - 1 is exact when m is split in two),
 * log1p(r) by its Taylor series to degree 10 (pow needs log x to ~2^-64 relative),
 * log x = k ln2 + log c + log1p(r), the first two summing exactly (both multiples of 2^-42).
 */
static double math_log_parts(double x, double *lo) {
  u32 hi = math_high(x);
  int k = (int)(hi >> 20) - 1023;
  if (k == -1023) { x = x * 0x1p64; hi = math_high(x); k = (int)(hi >> 20) - 1023 - 64; }
  double m = math_from_words((hi & 0x000fffffu) | 0x3ff00000u, math_low(x));
  if (m > 0x1.6a09e667f3bcdp+0) { m = m * 0.5; k = k + 1; }
  int j = (int)math_low((m - 1) * 128 + 0x1.8p52) + 37;
  const double *row = log_table + 3 * j;
  double invc = row[0];
  double rh, rl = 0;
  if (j == 37) rh = m - 1;
  else {
    double mh = math_from_words(math_high(m), math_low(m) & 0xfffffc00u);
    rh = mh * invc - 1;
    rl = (m - mh) * invc;
  }
  double r = rh + rl;
  double kf = (double)k;
  double head = kf * 0x1.62e42fefa3800p-1 + row[1];
  double r2 = r * r;
  double poly = r2 * (-0.5 + r * (0x1.5555555555555p-2 + r * (-0.25 + r * (0.2 + r * (-0x1.5555555555555p-3 + r * (0x1.2492492492492p-3 + r * (-0.125 + r * (0x1.c71c71c71c71cp-4 + r * -0.1))))))));
  double s = head + rh;
  double e = head == 0 ? 0 : (__builtin_fabs(head) >= __builtin_fabs(rh) ? (head - s) + rh : (rh - s) + head);
  *lo = e + (rl + (kf * 0x1.ef35793c76730p-45 + row[2] + poly));
  return s;
}
WEAK double log(double x) {
  if (x != x || x == __builtin_inf()) return x + x;
  if (x == 0) return -1.0 / 0.0;
  if (x < 0) return (x - x) / 0.0;
  double lo, hi = math_log_parts(x, &lo);
  return hi + lo;
}

/* Error-free transformations (Dekker, Knuth): a * b = p + *e and a + b = s + *e exactly. */
static double math_two_prod(double a, double b, double *e) {
  double p = a * b;
  double ca = 134217729.0 * a, cb = 134217729.0 * b;
  double ah = ca - (ca - a), al = a - ah, bh = cb - (cb - b), bl = b - bh;
  *e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return p;
}
static double math_two_sum(double a, double b, double *e) {
  double s = a + b, bb = s - a;
  *e = (a - (s - bb)) + (b - bb);
  return s;
}

/*
 * x^y = e^(y log x), with log x as hi + lo and y log x to ~2^-100 relative (Dekker product), so
 * the only rounding that shows is the last one of the exponential. Annex F special cases first.
 */
WEAK double pow(double x, double y) {
  if (y == 0 || x == 1) return 1;
  if (x != x || y != y) return x + y;
  double ay = __builtin_fabs(y), ax = __builtin_fabs(x);
  int integer = __builtin_trunc(y) == y;
  int odd = integer && ay < 0x1p53 && __builtin_trunc(y * 0.5) != y * 0.5;
  if (__builtin_isinf(y)) {
    if (ax == 1) return 1;
    return (ax > 1) == (y > 0) ? ay : 0.0;
  }
  if (x == 0 || __builtin_isinf(x)) {
    double r = (x == 0) == (y < 0) ? __builtin_inf() : 0.0;
    return odd ? __builtin_copysign(r, x) : r;
  }
  if (x < 0 && !integer) return (x - x) / (x - x);
  double lo, hi = math_log_parts(ax, &lo);
  double r;
  if (ay > 0x1p900) r = math_exp_parts(y * hi, 0);
  else {
    double pe, p = math_two_prod(y, hi, &pe);
    double zl = pe + y * lo;
    double zh = p + zl;
    r = math_exp_parts(zh, (p - zh) + zl);
  }
  return x < 0 && odd ? -r : r;
}

/*
 * x - k pi/2 as *head + *lo, k = round(2x/pi) (returned): pi/2 in four 22-bit parts (k * part exact
 * for |x| < 2^30) and a fifth, the differences accumulated error-free.
 */
static int math_reduce_half_pi(double x, double *head, double *lo) {
  double shifted = x * 0x1.45f306dc9c883p-1 + 0x1.8p52;
  int k = (int)math_low(shifted);
  double kf = shifted - 0x1.8p52;
  double hi = x - kf * 0x1.921fb40000000p+0, e, l = 0;
  hi = math_two_sum(hi, -(kf * 0x1.4442d00000000p-24), &e); l = l + e;
  hi = math_two_sum(hi, -(kf * 0x1.8469800000000p-48), &e); l = l + e;
  hi = math_two_sum(hi, -(kf * 0x1.3198a00000000p-69), &e); l = l + e;
  l = l - kf * 0x1.701b839a25205p-92;
  double r = hi + l;
  *lo = (hi - r) + l;
  *head = r;
  return k;
}
/* sin(r + rl) for |r| <= pi/4 as r + *tail; cos(r + rl) as w + *tail (Taylor series, degrees 17 and 16). */
static double math_sin_parts(double r, double rl, double *tail) {
  double z = r * r;
  double s = z * (-1.0 / 6 + z * (1.0 / 120 + z * (-1.0 / 5040 + z * (1.0 / 362880 + z * (-1.0 / 39916800 + z * (1.0 / 6227020800.0 + z * (-1.0 / 1307674368000.0 + z * (1.0 / 355687428096000.0))))))));
  *tail = r * s + rl * (1 - 0.5 * z);
  return r;
}
/* zl: r * r minus its rounding (0 when not needed); only tan needs it, whose error would otherwise reach 1.06 ulp near |tan| = 1. */
static double math_cos_parts(double r, double rl, double zl, double *tail) {
  double z = r * r;
  double c = z * z * (1.0 / 24 + z * (-1.0 / 720 + z * (1.0 / 40320 + z * (-1.0 / 3628800 + z * (1.0 / 479001600.0 + z * (-1.0 / 87178291200.0 + z * (1.0 / 20922789888000.0)))))));
  double hz = 0.5 * z, w = 1 - hz;
  *tail = ((1 - w) - hz) + (c - r * rl - 0.5 * zl);
  return w;
}
/*
 * Payne-Hanek: x - k pi/2 as *head + *lo for every finite |x| >= 2^30, k returned (only k mod 4
 * matters). x = m 2^E (m the 53-bit integer significand). The bits of 2/pi at weights 2^-i with
 * i <= E - 2 add multiples of 4 to x 2/pi and are skipped; the next 192 bits, V, give
 * x 2/pi = m V 2^-190 (mod 4) with a truncation error below m 2^-190 < 2^-137. m V mod 2^192
 * is eleven 32x32-bit products: its bits 191-190 are the quadrant, the 190 below the fraction,
 * rounded to the nearest quadrant. The fraction is at least 2^-62 for every double (the closest
 * any double comes to a multiple of pi/2), so the 2^-137 is at most 2^-75 of it; its top 96 bits
 * after normalization times pi/2 (a 96-bit integer, six products, 2^-92 more) give r to 2^-74.
 * Integer work throughout: no loop longer than two steps, whatever the exponent. docs/c-runtime.md.
 */
static const u32 math_two_over_pi[38] = { /* a zero word, then bits 1..1184 of 2/pi */
  0x00000000u, 0xa2f9836eu, 0x4e441529u, 0xfc2757d1u, 0xf534ddc0u, 0xdb629599u,
  0x3c439041u, 0xfe5163abu, 0xdebbc561u, 0xb7246e3au, 0x424dd2e0u, 0x06492eeau,
  0x09d1921cu, 0xfe1deb1cu, 0xb129a73eu, 0xe88235f5u, 0x2ebb4484u, 0xe99c7026u,
  0xb45f7e41u, 0x3991d639u, 0x835339f4u, 0x9c845f8bu, 0xbdf9283bu, 0x1ff897ffu,
  0xde05980fu, 0xef2f118bu, 0x5a0a6d1fu, 0x6d367ecfu, 0x27cb09b7u, 0x4f463f66u,
  0x9e5fea2du, 0x7527bac7u, 0xebe5f17bu, 0x3d0739f7u, 0x8a5292eau, 0x6bfb5fb1u,
  0x1f8d5d08u, 0x56033046u,
};
typedef unsigned long long u64;
static int math_reduce_huge(double x, double *head, double *lo) {
  u32 hx = math_high(x);
  int biased = (int)((hx >> 20) & 0x7ff);
  u32 mh = (hx & 0xfffff) + 0x100000, ml = math_low(x);
  /* V starts at bit E - 1 of 2/pi, E = biased - 1075: bit g = E + 30 of the table (from its top). */
  int g = biased - 1045, b = g & 31;
  const u32 *t = math_two_over_pi + (g >> 5);
  u32 v[6];
  for (int i = 0; i < 6; i++) v[i] = (t[i] << b) + ((t[i + 1] >> 1) >> (31 - b));
  /* m V mod 2^192 as six words r[0] (lowest) .. r[5]: ml v[5-c] and mh v[6-c] land on word c. */
  u32 r[6];
  u64 carry = 0, high_l = 0, high_h = 0;
  for (int c = 0; c < 6; c++) {
    u64 pl = (u64)ml * v[5 - c], ph = c ? (u64)mh * v[6 - c] : 0;
    u64 s = carry + (u32)pl + (u32)ph + high_l + high_h;
    r[c] = (u32)s;
    carry = s >> 32; high_l = pl >> 32; high_h = ph >> 32;
  }
  int k = (int)(r[5] >> 30);
  u32 top = r[5] - ((u32)k << 30);
  /* The fraction F 2^-190 as A 2^128 + B 2^64 + C; past one half, 1 - F 2^-190 (as the complement
   * 2^190 - 1 - F: one unit of 2^-190 is far below what is kept) and the next quadrant. */
  u64 A = ((u64)top << 32) + r[4], B = ((u64)r[3] << 32) + r[2], C = ((u64)r[1] << 32) + r[0];
  int negative = top >= 0x20000000u;
  if (negative) { k = k + 1; A = 0x3fffffffffffffffull - A; B = ~B; C = ~C; }
  int shift = 0;
  while (A == 0 && shift < 128) { A = B; B = C; C = 0; shift = shift + 64; }
  if (A == 0) { *head = 0; *lo = 0; return k; }
  int n = __builtin_clzll(A);
  A = (A << n) + ((B >> 1) >> (63 - n));
  u32 a0 = (u32)(((B << n) + ((C >> 1) >> (63 - n))) >> 32), a1 = (u32)A, a2 = (u32)(A >> 32);
  /* F' = a2 a1 a0 (96 bits, top bit set) is the fraction times 2^(94 + shift + n); times
   * pi/2 2^95 = 0xc90fdaa2 2168c234 c4c6628b (the three lowest partial products dropped). */
  u64 x20 = (u64)a2 * 0xc4c6628bu, x11 = (u64)a1 * 0x2168c234u, x02 = (u64)a0 * 0xc90fdaa2u;
  u64 x21 = (u64)a2 * 0x2168c234u, x12 = (u64)a1 * 0xc90fdaa2u, x22 = (u64)a2 * 0xc90fdaa2u;
  u64 s = (u64)(u32)x20 + (u32)x11 + (u32)x02;
  u32 q2 = (u32)s;
  s = (s >> 32) + (x20 >> 32) + (x11 >> 32) + (x02 >> 32) + (u32)x21 + (u32)x12;
  u32 q3 = (u32)s;
  s = (s >> 32) + (x21 >> 32) + (x12 >> 32) + (u32)x22;
  u64 qh = ((s >> 32) + (x22 >> 32) << 32) + (u32)s, ql = ((u64)q3 << 32) + q2;
  /* r = (qh 2^64 + ql) 2^(-125 - shift - n); make qh's top bit set. */
  int e = -125 - shift - n;
  if (qh < 0x8000000000000000ull) { qh = (qh << 1) + (ql >> 63); ql = ql << 1; e = e - 1; }
  /* head: qh's top 53 bits, 2^(e + 75) each (biased exponent e + 1150: the leading bit adds the last 1); lo: the rest. */
  double h = math_from_words((u32)(qh >> 43) + ((u32)(e + 1149) << 20), (u32)(qh >> 11));
  double l = (double)(((qh & 0x7ff) << 53) + (ql >> 11)) * math_pow2(e + 11);
  if (negative != (x < 0)) { h = -h; l = -l; }
  *head = h; *lo = l;
  return x < 0 ? -k : k;
}
/* Below 2^30 the reduction with pi/2 in parts, past it the Payne-Hanek one: both exact enough for every double. */
static double math_trig(double x, int which) {
  if (__builtin_isinf(x) || x != x) return x - x;
  int k = 0;
  double r = x, rl = 0;
  if (__builtin_fabs(x) > 0x1.921fb54442d18p-1) {
    if (__builtin_fabs(x) < 0x1p30) k = math_reduce_half_pi(x, &r, &rl);
    else k = math_reduce_huge(x, &r, &rl);
  }
  double sh, st, ch, ct;
  if (which == 2) {
    sh = math_sin_parts(r, rl, &st);
    double zl = 0; /* below |r| = 1/4 the rounding of r * r costs tan at most 0.03 ulp: skipped */
    if (__builtin_fabs(r) > 0.25) { double z = r * r, ca = 134217729.0 * r, rh = ca - (ca - r), rt = r - rh; zl = ((rh * rh - z) + (rh + rh) * rt) + rt * rt; }
    ch = math_cos_parts(r, rl, zl, &ct);
    double n = sh + st; st = (sh - n) + st; sh = n;
    n = ch + ct; ct = (ch - n) + ct; ch = n;
    if (k & 1) { double t = sh; sh = -ch; ch = t; t = st; st = -ct; ct = t; }
    double q0 = sh / ch, pe, p = math_two_prod(q0, ch, &pe);
    double res = ((sh - p) - pe) + st - q0 * ct;
    return q0 + res / (ch + ct);
  }
  int quadrant = (k + which) & 3;
  double v, t;
  if (quadrant & 1) v = math_cos_parts(r, rl, 0, &t); else v = math_sin_parts(r, rl, &t);
  v = v + t;
  return quadrant & 2 ? -v : v;
}
WEAK double sin(double x) { return x == 0 ? x : math_trig(x, 0); }
WEAK double cos(double x) { return math_trig(x, 1); }
WEAK double tan(double x) { return x == 0 ? x : math_trig(x, 2); }

static const double atan_table[34] = {
  0x0.0p+0, 0x0.0p+0,
  0x1.ff55bb72cfdeap-5, -0x1.c934d86d23f1dp-60,
  0x1.fd5ba9aac2f6ep-4, -0x1.cd37686760c17p-59,
  0x1.7b97b4bce5b02p-3, 0x1.347b0b4f881cap-58,
  0x1.f5b75f92c80ddp-3, 0x1.8ab6e3cf7afbdp-57,
  0x1.362773707ebccp-2, -0x1.963a544b672d8p-57,
  0x1.6f61941e4def1p-2, -0x1.c63aae6f6e918p-56,
  0x1.a64eec3cc23fdp-2, -0x1.24dec1b50b7ffp-56,
  0x1.dac670561bb4fp-2, 0x1.a2b7f222f65e2p-56,
  0x1.0657e94db30d0p-1, -0x1.d5b495f6349e6p-56,
  0x1.1e00babdefeb4p-1, -0x1.928df287a668fp-58,
  0x1.345f01cce37bbp-1, 0x1.1021137c71102p-55,
  0x1.4978fa3269ee1p-1, 0x1.2419a87f2a458p-56,
  0x1.5d58987169b18p-1, 0x1.0028e4bc5e7cap-57,
  0x1.700a7c5784634p-1, -0x1.8c34d25aadef6p-56,
  0x1.819d0b7158a4dp-1, -0x1.bf76229d3b917p-56,
  0x1.921fb54442d18p-1, 0x1.1a62633145c07p-55,
};
/*
 * atan((ah + al) / (bh + bl)) for 0 <= a <= b, b > 0: c = j/16 nearest the ratio, then
 * atan(a/b) = atan(c) + atan(t) with t = (a - cb)/(b + ca), |t| <= 1/32, formed to ~2^-100, and an
 * odd Taylor series of degree 13. Returned as hi + *lo.
 */
static double math_atan_ratio(double ah, double al, double bh, double bl, double *lo) {
  int j = (int)math_low(ah / bh * 16 + 0x1.8p52);
  double c = (double)j * 0.0625;
  double e1, e2, p1 = math_two_prod(c, bh, &e1), p2 = math_two_prod(c, ah, &e2);
  double nl, nh = math_two_sum(ah, -p1, &nl);
  nl = nl + (al - e1 - c * bl);
  double dl, dh = math_two_sum(bh, p2, &dl);
  dl = dl + (bl + e2 + c * al);
  double t0 = nh / dh, pe, p = math_two_prod(t0, dh, &pe);
  double t1 = (((nh - p) - pe) + nl - t0 * dl) / dh;
  double z = t0 * t0;
  double poly = t0 * z * (-1.0 / 3 + z * (1.0 / 5 + z * (-1.0 / 7 + z * (1.0 / 9 + z * (-1.0 / 11 + z * (1.0 / 13))))));
  double e, s = math_two_sum(atan_table[2 * j], t0, &e);
  *lo = e + (atan_table[2 * j + 1] + t1 + poly);
  return s;
}
/* atan2 of dd numbers (y = yh + yl, x = xh + xl), both finite and not both zero, |x|,|y| in [2^-400, 2^400]. */
static double math_atan2_dd(double yh, double yl, double xh, double xl) {
  double ay = __builtin_fabs(yh), ax = __builtin_fabs(xh);
  double sy = yh < 0 ? -1.0 : 1.0, sx = xh < 0 ? -1.0 : 1.0;
  double hi, lo, e;
  if (ay <= ax) {
    hi = math_atan_ratio(ay, sy * yl, ax, sx * xl, &lo);
    if (xh < 0) { hi = math_two_sum(0x1.921fb54442d18p+1, -hi, &e); lo = e + (0x1.1a62633145c07p-53 - lo); }
  } else {
    hi = math_atan_ratio(ax, sx * xl, ay, sy * yl, &lo);
    hi = math_two_sum(0x1.921fb54442d18p+0, sx * -hi, &e); lo = e + (0x1.1a62633145c07p-54 - sx * lo);
  }
  return sy * (hi + lo);
}
WEAK double atan2(double y, double x) {
  if (x != x || y != y) return x + y;
  if (y == 0) return x > 0 || (x == 0 && !__builtin_signbit(x)) ? y : __builtin_copysign(0x1.921fb54442d18p+1, y);
  if (__builtin_isinf(x) || __builtin_isinf(y)) {
    double a = __builtin_isinf(y) ? (__builtin_isinf(x) ? (x > 0 ? 0x1.921fb54442d18p-1 : 0x1.2d97c7f3321d2p+1) : 0x1.921fb54442d18p+0)
                                  : (x > 0 ? 0.0 : 0x1.921fb54442d18p+1);
    return __builtin_copysign(a, y);
  }
  if (x == 0) return __builtin_copysign(0x1.921fb54442d18p+0, y);
  int ey, ex;
  frexp(y, &ey); frexp(x, &ex);
  if (ey - ex > 60) return __builtin_copysign(0x1.921fb54442d18p+0, y) + (y > 0 ? 0x1.1a62633145c07p-54 : -0x1.1a62633145c07p-54);
  if (ex - ey > 60) return x > 0 ? y / x : __builtin_copysign(0x1.921fb54442d18p+1, y);
  x = scalbn(x, -ex); y = scalbn(y, -ex);
  return math_atan2_dd(y, 0, x, 0);
}
WEAK double atan(double x) {
  if (x != x) return x + x;
  if (__builtin_fabs(x) < 0x1p-30) return x;
  if (__builtin_fabs(x) > 0x1p60) return __builtin_copysign(0x1.921fb54442d18p+0, x);
  return atan2(x, 1.0);
}
/* sqrt(1 - x^2) for |x| <= 1 as hi + *lo: 1 - x^2 formed exactly as a pair, then one Newton correction. */
static double math_sqrt_one_minus_square(double x, double *lo) {
  double pe, p = math_two_prod(x, x, &pe);
  double dh = 1 - p, dl = ((1 - dh) - p) - pe;
  double s = __builtin_sqrt(dh);
  if (s == 0) { *lo = 0; return 0; }
  double se, ss = math_two_prod(s, s, &se);
  *lo = (((dh - ss) - se) + dl) / (2 * s);
  return s;
}
/* NaN results of invalid arguments: (x − x) / 0 is the default NaN, negative as on x86-64; where
   glibc 2.36 returns a positive NaN instead (asin, acos, log10), this one (docs/c-runtime.md). */
static NOINLINE double math_nan_positive(void) {
  math_bits b;
  b.w.hi = 0x7ff80000u;
  b.w.lo = 0;
  return b.d;
}
WEAK double asin(double x) {
  if (x != x) return x + x;
  if (__builtin_fabs(x) > 1) return math_nan_positive();
  if (__builtin_fabs(x) < 0x1p-28) return x;
  double lo, hi = math_sqrt_one_minus_square(x, &lo);
  if (hi == 0) return __builtin_copysign(0x1.921fb54442d18p+0, x);
  return math_atan2_dd(x, 0, hi, lo);
}
WEAK double acos(double x) {
  if (x != x) return x + x;
  if (__builtin_fabs(x) > 1) return math_nan_positive();
  if (x == 1) return 0;
  if (x == -1) return 0x1.921fb54442d18p+1;
  if (__builtin_fabs(x) < 0x1p-60) return 0x1.921fb54442d18p+0;
  double lo, hi = math_sqrt_one_minus_square(x, &lo);
  return math_atan2_dd(hi, lo, x, 0);
}

/* (ah + al) / (bh + bl) with one visible rounding: a quotient, then its residual divided once more. */
static double math_dd_div(double ah, double al, double bh, double bl) {
  double q0 = ah / bh, pe, p = math_two_prod(q0, bh, &pe);
  return q0 + (((ah - p) - pe) + al - q0 * bl) / (bh + bl);
}
/* e^x for |x| < 700 as hi + *lo, unrounded (the table value times 2^e, and the rest). */
static double math_exp_dd(double x, double *lo) {
  double shifted = x * 0x1.71547652b82fep+7 + 0x1.8p52;
  int k = (int)math_low(shifted);
  double kf = shifted - 0x1.8p52;
  double r = (x - kf * 0x1.62e42ff000000p-8) - kf * -0x1.718432a1b0e26p-42;
  double p = r + r * r * (0.5 + r * (0x1.5555555555555p-3 + r * (0x1.5555555555555p-5 + r * 0x1.1111111111111p-7)));
  int j = k & 127;
  double scale = math_pow2(k >> 7), th = exp2_table[2 * j];
  *lo = (exp2_table[2 * j + 1] + th * p) * scale;
  return th * scale;
}
WEAK double exp2(double x) {
  if (x != x) return x + x;
  if (x > 1024) return 0x1p1023 * 2.0;
  if (x < -1080) return 0x1p-1022 * 0x1p-1022;
  double e, p = math_two_prod(x, 0x1.62e42fefa39efp-1, &e);
  double lo = e + x * 0x1.abc9e3b39803fp-56;
  double hi = p + lo;
  return math_exp_parts(hi, (p - hi) + lo);
}
WEAK double expm1(double x) {
  if (x != x) return x + x;
  if (x > 709.8) return x * 0x1p1023;
  if (x < -40) return -1.0;
  double ax = __builtin_fabs(x);
  if (ax < 0x1p-54) return x;
  if (ax < 0.015625)
    return x + x * x * (0.5 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120 + x * (1.0 / 720 + x * (1.0 / 5040 + x * (1.0 / 40320)))))));
  if (x > 700) return exp(x);
  double lo, hi = math_exp_dd(x, &lo);
  double e, s = math_two_sum(hi, -1.0, &e);
  return s + (e + lo);
}
/* log x times a constant c = ch + cl, rounded once. */
static double math_log_times(double x, double ch, double cl) {
  if (x != x || x == __builtin_inf()) return x + x;
  if (x == 0) return -1.0 / 0.0;
  if (x < 0) return (x - x) / 0.0;
  double lo, hi = math_log_parts(x, &lo);
  double e, p = math_two_prod(hi, ch, &e);
  return p + (e + (hi * cl + lo * ch));
}
WEAK double log2(double x) { return math_log_times(x, 0x1.71547652b82fep+0, 0x1.777d0ffda0d24p-56); }
WEAK double log10(double x) { return x < 0 ? math_nan_positive() : math_log_times(x, 0x1.bcb7b1526e50ep-2, 0x1.95355baaafad3p-57); }
WEAK double log1p(double x) {
  if (x != x || x == __builtin_inf()) return x + x;
  if (x == -1) return -1.0 / 0.0;
  if (x < -1) return (x - x) / 0.0;
  if (__builtin_fabs(x) < 0x1p-54) return x;
  double ul, uh = math_two_sum(1.0, x, &ul);
  double lo, hi = math_log_parts(uh, &lo);
  return hi + (lo + ul / uh);
}
/* sinh and cosh of |x| < 1 (cosh: < 1/4) by their Taylor series (degrees 19 and 18), as x + *tail and 1 + *tail. */
static double math_sinh_tail(double x) {
  double z = x * x;
  return x * z * (1.0 / 6 + z * (1.0 / 120 + z * (1.0 / 5040 + z * (1.0 / 362880 + z * (1.0 / 39916800 + z * (1.0 / 6227020800.0 + z * (1.0 / 1307674368000.0 + z * (1.0 / 355687428096000.0 + z * (1.0 / 121645100408832000.0)))))))));
}
static double math_cosh_tail(double x) {
  double z = x * x;
  return z * (0.5 + z * (1.0 / 24 + z * (1.0 / 720 + z * (1.0 / 40320 + z * (1.0 / 3628800 + z * (1.0 / 479001600.0 + z * (1.0 / 87178291200.0 + z * (1.0 / 20922789888000.0 + z * (1.0 / 6402373705728000.0)))))))));
}
/* e^|x| and e^-|x| as pairs, for |x| < 700. */
static void math_exp_pair(double ax, double *ph, double *pl, double *mh, double *ml) {
  *ph = math_exp_dd(ax, pl);
  double q0 = 1 / *ph, pe, p = math_two_prod(q0, *ph, &pe);
  *mh = q0;
  *ml = ((1 - p) - pe - q0 * *pl) / (*ph + *pl);
}
WEAK double sinh(double x) {
  if (x != x || __builtin_isinf(x) || x == 0) return x;
  double ax = __builtin_fabs(x), r;
  if (ax < 0x1p-27) return x;
  if (ax < 1) return x + math_sinh_tail(x);
  if (ax > 710.5) r = 0x1p1023 * 2.0;
  else if (ax > 700) r = math_exp_parts(ax - 0x1.62e42fefa3800p-1, -0x1.ef35793c76730p-45); /* e^x / 2, exactly reduced */
  else {
    double ph, pl, mh, ml, e;
    math_exp_pair(ax, &ph, &pl, &mh, &ml);
    double s = math_two_sum(ph, -mh, &e);
    r = (s + (e + (pl - ml))) * 0.5;
  }
  return x < 0 ? -r : r;
}
WEAK double cosh(double x) {
  if (x != x) return x + x;
  double ax = __builtin_fabs(x);
  if (__builtin_isinf(x)) return ax;
  if (ax < 0x1p-27) return 1;
  if (ax < 0.25) return 1 + math_cosh_tail(x);
  if (ax > 710.5) return 0x1p1023 * 2.0;
  if (ax > 700) return math_exp_parts(ax - 0x1.62e42fefa3800p-1, -0x1.ef35793c76730p-45);
  double ph, pl, mh, ml, e;
  math_exp_pair(ax, &ph, &pl, &mh, &ml);
  double s = math_two_sum(ph, mh, &e);
  return (s + (e + (pl + ml))) * 0.5;
}
WEAK double tanh(double x) {
  if (x != x || x == 0) return x;
  double ax = __builtin_fabs(x), r;
  if (ax > 22) r = 1;
  else if (ax < 0x1p-27) return x;
  else if (ax < 0.25) r = math_dd_div(ax, math_sinh_tail(ax), 1, math_cosh_tail(ax));
  else {
    double ph, pl, mh, ml, e1, e2;
    math_exp_pair(ax, &ph, &pl, &mh, &ml);
    double nh = math_two_sum(ph, -mh, &e1), dh = math_two_sum(ph, mh, &e2);
    r = math_dd_div(nh, e1 + (pl - ml), dh, e2 + (pl + ml));
  }
  return x < 0 ? -r : r;
}
WEAK double hypot(double x, double y) {
  if (__builtin_isinf(x) || __builtin_isinf(y)) return __builtin_inf();
  if (x != x || y != y) return x + y;
  x = __builtin_fabs(x); y = __builtin_fabs(y);
  if (x < y) { double t = x; x = y; y = t; }
  if (y == 0) return x;
  int ex, ey;
  frexp(x, &ex); frexp(y, &ey);
  if (ex - ey > 60) return x + y;
  x = scalbn(x, -ex); y = scalbn(y, -ex);
  double xe, xp = math_two_prod(x, x, &xe), ye, yp = math_two_prod(y, y, &ye);
  double sl, sh = math_two_sum(xp, yp, &sl);
  sl = sl + (xe + ye);
  double s = __builtin_sqrt(sh);
  double se, ss = math_two_prod(s, s, &se);
  double r = s + (((sh - ss) - se) + sl) / (2 * s);
  return scalbn(r, ex);
}
/* Newton's method on m in [1, 8) (x = m 2^3q), the last step with an exact residual m - y^3. */
WEAK double cbrt(double x) {
  if (x != x || __builtin_isinf(x) || x == 0) return x + x;
  int e, q = 0;
  double m = frexp(__builtin_fabs(x), &e);
  e = e - 1; m = m * 2;
  while (e >= 48) { e = e - 48; q = q + 16; }
  while (e < 0) { e = e + 48; q = q - 16; }
  while (e >= 3) { e = e - 3; q = q + 1; }
  if (e >= 1) m = m * 2;
  if (e == 2) m = m * 2;
  double y = 0.76 + m * (0.28 - m * 0.0135);
  for (int i = 0; i < 5; i++) y = y - (y * y * y - m) / (3 * y * y);
  double ae, a = math_two_prod(y, y, &ae), be, b = math_two_prod(y, a, &be);
  y = y + ((m - b) - (be + y * ae)) / (3 * a);
  y = scalbn(y, q);
  return x < 0 ? -y : y;
}

/* The float functions compute in double and round once: faithful for a float result. */
WEAK float fmodf(float x, float y) { return (float)fmod(x, y); }
WEAK float ldexpf(float x, int n) { return (float)scalbn(x, n); }
WEAK float scalbnf(float x, int n) { return (float)scalbn(x, n); }
WEAK float frexpf(float x, int *e) { return (float)frexp(x, e); }
WEAK float modff(float x, float *whole) { double w; float f = (float)modf(x, &w); *whole = (float)w; return f; }
WEAK float expf(float x) { return (float)exp(x); }
WEAK float exp2f(float x) { return (float)exp2(x); }
WEAK float expm1f(float x) { return (float)expm1(x); }
WEAK float logf(float x) { return (float)log(x); }
WEAK float log2f(float x) { return (float)log2(x); }
WEAK float log10f(float x) { return (float)log10(x); }
WEAK float log1pf(float x) { return (float)log1p(x); }
WEAK float powf(float x, float y) { return (float)pow(x, y); }
WEAK float sinf(float x) { return (float)sin(x); }
WEAK float cosf(float x) { return (float)cos(x); }
WEAK float tanf(float x) { return (float)tan(x); }
WEAK float asinf(float x) { return (float)asin(x); }
WEAK float acosf(float x) { return (float)acos(x); }
WEAK float atanf(float x) { return (float)atan(x); }
WEAK float atan2f(float y, float x) { return (float)atan2(y, x); }
WEAK float sinhf(float x) { return (float)sinh(x); }
WEAK float coshf(float x) { return (float)cosh(x); }
WEAK float tanhf(float x) { return (float)tanh(x); }
WEAK float hypotf(float x, float y) { return (float)hypot(x, y); }
WEAK float cbrtf(float x) { return (float)cbrt(x); }
`;
