"""Generates the constant tables of the runtime's <math.h> (src/core/compile/runtime/libcMath.ts)
with Python's decimal module at 60 digits. Prints C initializers as hex floats."""
from decimal import Decimal as D, getcontext
import struct
getcontext().prec = 60

def f(x):  # nearest double, as a C hex float
    return float(x).hex()

def chop(x, q):  # x rounded to a multiple of 2**-q
    return D(round(x * D(2) ** q)) / D(2) ** q

ln2 = D(2).ln()
# exp: 2^(j/128) as hi + lo
print('static const double exp2_table[256] = {')
for j in range(128):
    v = (D(j) / 128 * ln2).exp()
    hi = D(float(v))
    print(f'  {f(hi)}, {f(v - hi)},')
print('};')
# log: invc with 10 significant bits, -log(invc) as hi (multiple of 2^-42) + lo
print('static const double log_table[273] = {')
for j in range(-37, 54):
    c = 1 + D(j) / 128
    inv = 1 / c
    e = 0
    while inv * D(2) ** e < 512: e += 1
    invc = D(round(inv * D(2) ** e)) / D(2) ** e
    if j == 0: invc = D(1)
    l = -invc.ln()
    hi = chop(l, 42)
    print(f'  {f(invc)}, {f(hi)}, {f(l - hi)},')
print('};')
hi = chop(ln2, 42)
print('ln2_hi42', f(hi), f(ln2 - hi))
k = ln2 / 128
hi = chop(k, 52 - 0 + 7 - 20)  # leaves >= 20 trailing zero bits
print('ln2_128 hi', f(hi), 'lo', f(k - hi))
print('128/ln2', f(128 / ln2), 'ln2', f(ln2), f(ln2 - D(float(ln2))))
print('1/ln2', f(1 / ln2), f(1 / ln2 - D(float(1 / ln2))))
l10 = 1 / D(10).ln()
print('1/ln10', f(l10), f(l10 - D(float(l10))))

def atan(x):  # halve the argument three times, then the Taylor series
    for _ in range(3):
        x = x / (1 + (1 + x * x).sqrt())
    s, t, n, x2 = D(0), x, 1, x * x
    while abs(t) > D(10) ** -58:
        s += t / n
        t = -t * x2
        n += 2
    return s * 8
print('static const double atan_table[34] = {')
for j in range(17):
    v = atan(D(j) / 16)
    hi = D(float(v))
    print(f'  {f(hi)}, {f(v - hi)},')
print('};')
pi = atan(D(1)) * 4
print('pi/2', f(pi / 2), f(pi / 2 - D(float(pi / 2))), 'pi', f(pi), f(pi - D(float(pi))))
p = pi / 2
parts = []
for i in range(4):
    h = chop(p, 22 * (i + 1)) - sum(parts)
    parts.append(h)
print('pio2 parts', [f(v) for v in parts], f(pi / 2 - sum(parts)))
print('2/pi', f(2 / pi))

# trig reduction past 2^30: the bits of 2/pi as 32-bit words, one zero word first (bits 1..1184
# after the binary point follow), and pi/2 as a 96-bit integer (floor(pi/2 * 2^95)). pi from
# Machin's formula in integer arithmetic with 1300 guard bits, so every printed bit is exact.
def atan_inv(n, scale):  # atan(1/n) * scale, truncated terms (error a few units of the last bit)
    s, t, k, sign = 0, scale // n, 1, 1
    while t:
        s += sign * (t // k)
        t //= n * n
        k += 2
        sign = -sign
    return s
G = 1400
pi_scaled = 16 * atan_inv(5, 1 << G) - 4 * atan_inv(239, 1 << G)  # pi * 2^G, within ~2^-(G-20)
two_over_pi = (2 << (2 * G)) // pi_scaled  # 2/pi * 2^G
bits = two_over_pi >> (G - 1184)  # bits 1..1184 after the binary point
words = [0] + [(bits >> (32 * (36 - i))) & 0xffffffff for i in range(37)]
print('static const u32 math_two_over_pi[38] = {')
for i in range(0, 38, 6):
    print('  ' + ' '.join(f'0x{w:08x}u,' for w in words[i:i + 6]))
print('};')
pio2 = pi_scaled >> (G - 94)  # floor(pi/2 * 2^95)
print('pi/2 * 2^95 words', [f'0x{(pio2 >> (32 * i)) & 0xffffffff:08x}' for i in (2, 1, 0)])

# Hard cases for the tests (testing/mathDifferential.c): per exponent E, a double m 2^E
# (2^52 <= m < 2^53) with m 2^E 2/pi close to an integer: the best of a q_n + b q_(n-1), |b| and
# |a - 2^52/q_n| below 80, over the two largest continued-fraction denominators of frac(2^E 2/pi) below 2^53.
def hard_case(E):
    P = G + 400
    a = ((two_over_pi << 400) << E) % (1 << P) if E >= 0 else (two_over_pi << 400) >> -E
    b = 1 << P
    qs, x, y = [0, 1], a, b  # continued fraction of a / b, denominators of the convergents
    while x:
        t, r = divmod(y, x)
        y, x = x, r
        qn = t * qs[-1] + qs[-2]
        if qn >= 1 << 53: break
        qs.append(qn)
    best = None
    i0 = -(-(1 << 52) // qs[-1])  # the first multiple of q_n past 2^52
    for i in range(max(0, i0 - 80), i0 + 80):
        for j in range(-80, 81):
            m = i * qs[-1] + j * qs[-2]
            if not (1 << 52) <= m < 1 << 53: continue
            d = (m * a) % b
            d = min(d, b - d)
            if best is None or d < best[0]: best = (d, m)
    return best[1], best[0] / b
cases = [hard_case(E) + (E,) for E in range(-22, 972, 11)] + [(6381956970095103, 0, 797)]
print('hard cases: m 2^E near a multiple of pi/2, then the known closest double (Kahan, McDonald)')
print(', '.join(float.fromhex(f'{m:#x}p{E}').hex() for m, _, E in cases))
print('distances of x 2/pi to an integer: median', sorted(d for _, d, _ in cases)[len(cases) // 2], 'closest', min(d for _, d, _ in cases[:-1]))
