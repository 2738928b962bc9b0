/*
 * dtoa.c - double -> shortest decimal text (ECMA-262 6.1.6.1.20
 * Number::toString) and Number.prototype.toString(radix).
 *
 * Shortest digits: Grisu3 (Loitsch, "Printing Floating-Point Numbers
 * Quickly and Accurately with Integers", 2010) on 64-bit integers settles
 * about 99.5% of doubles; when it cannot prove its answer shortest and
 * closest it reports failure and the exact free-format algorithm of Steele
 * & White / Dragon4 on big integers decides.  Integers below 2^53 are
 * printed directly.  Boundaries are inclusive when the significand is even,
 * because text exactly halfway between two doubles reads back as the even
 * one (round-half-even), so "1e+23" is the shortest form of the double
 * nearest 1e23.  Among shortest candidates the closest to the exact value
 * is chosen, ties to the even digit.
 */
#include "engine/num/num.h"
#include "engine/num/num_int.h"

#include <math.h>
#include <string.h>

/* 10^k for k = -348, -340, ..., 340: the 64-bit significand rounded to
   nearest and the binary exponent, f * 2^e.  Computed with exact rational
   arithmetic: e is chosen so that 2^63 <= 10^k / 2^e < 2^64. */
static const struct {
    uint64_t f;
    int16_t e;
} cached_pow[WF_CACHED_POW_COUNT] = {
    { 0xfa8fd5a0081c0288u, -1220 }, /* 1e-348 */
    { 0xbaaee17fa23ebf76u, -1193 }, /* 1e-340 */
    { 0x8b16fb203055ac76u, -1166 }, /* 1e-332 */
    { 0xcf42894a5dce35eau, -1140 }, /* 1e-324 */
    { 0x9a6bb0aa55653b2du, -1113 }, /* 1e-316 */
    { 0xe61acf033d1a45dfu, -1087 }, /* 1e-308 */
    { 0xab70fe17c79ac6cau, -1060 }, /* 1e-300 */
    { 0xff77b1fcbebcdc4fu, -1034 }, /* 1e-292 */
    { 0xbe5691ef416bd60cu, -1007 }, /* 1e-284 */
    { 0x8dd01fad907ffc3cu,  -980 }, /* 1e-276 */
    { 0xd3515c2831559a83u,  -954 }, /* 1e-268 */
    { 0x9d71ac8fada6c9b5u,  -927 }, /* 1e-260 */
    { 0xea9c227723ee8bcbu,  -901 }, /* 1e-252 */
    { 0xaecc49914078536du,  -874 }, /* 1e-244 */
    { 0x823c12795db6ce57u,  -847 }, /* 1e-236 */
    { 0xc21094364dfb5637u,  -821 }, /* 1e-228 */
    { 0x9096ea6f3848984fu,  -794 }, /* 1e-220 */
    { 0xd77485cb25823ac7u,  -768 }, /* 1e-212 */
    { 0xa086cfcd97bf97f4u,  -741 }, /* 1e-204 */
    { 0xef340a98172aace5u,  -715 }, /* 1e-196 */
    { 0xb23867fb2a35b28eu,  -688 }, /* 1e-188 */
    { 0x84c8d4dfd2c63f3bu,  -661 }, /* 1e-180 */
    { 0xc5dd44271ad3cdbau,  -635 }, /* 1e-172 */
    { 0x936b9fcebb25c996u,  -608 }, /* 1e-164 */
    { 0xdbac6c247d62a584u,  -582 }, /* 1e-156 */
    { 0xa3ab66580d5fdaf6u,  -555 }, /* 1e-148 */
    { 0xf3e2f893dec3f126u,  -529 }, /* 1e-140 */
    { 0xb5b5ada8aaff80b8u,  -502 }, /* 1e-132 */
    { 0x87625f056c7c4a8bu,  -475 }, /* 1e-124 */
    { 0xc9bcff6034c13053u,  -449 }, /* 1e-116 */
    { 0x964e858c91ba2655u,  -422 }, /* 1e-108 */
    { 0xdff9772470297ebdu,  -396 }, /* 1e-100 */
    { 0xa6dfbd9fb8e5b88fu,  -369 }, /* 1e-92 */
    { 0xf8a95fcf88747d94u,  -343 }, /* 1e-84 */
    { 0xb94470938fa89bcfu,  -316 }, /* 1e-76 */
    { 0x8a08f0f8bf0f156bu,  -289 }, /* 1e-68 */
    { 0xcdb02555653131b6u,  -263 }, /* 1e-60 */
    { 0x993fe2c6d07b7facu,  -236 }, /* 1e-52 */
    { 0xe45c10c42a2b3b06u,  -210 }, /* 1e-44 */
    { 0xaa242499697392d3u,  -183 }, /* 1e-36 */
    { 0xfd87b5f28300ca0eu,  -157 }, /* 1e-28 */
    { 0xbce5086492111aebu,  -130 }, /* 1e-20 */
    { 0x8cbccc096f5088ccu,  -103 }, /* 1e-12 */
    { 0xd1b71758e219652cu,   -77 }, /* 1e-4 */
    { 0x9c40000000000000u,   -50 }, /* 1e4 */
    { 0xe8d4a51000000000u,   -24 }, /* 1e12 */
    { 0xad78ebc5ac620000u,     3 }, /* 1e20 */
    { 0x813f3978f8940984u,    30 }, /* 1e28 */
    { 0xc097ce7bc90715b3u,    56 }, /* 1e36 */
    { 0x8f7e32ce7bea5c70u,    83 }, /* 1e44 */
    { 0xd5d238a4abe98068u,   109 }, /* 1e52 */
    { 0x9f4f2726179a2245u,   136 }, /* 1e60 */
    { 0xed63a231d4c4fb27u,   162 }, /* 1e68 */
    { 0xb0de65388cc8ada8u,   189 }, /* 1e76 */
    { 0x83c7088e1aab65dbu,   216 }, /* 1e84 */
    { 0xc45d1df942711d9au,   242 }, /* 1e92 */
    { 0x924d692ca61be758u,   269 }, /* 1e100 */
    { 0xda01ee641a708deau,   295 }, /* 1e108 */
    { 0xa26da3999aef774au,   322 }, /* 1e116 */
    { 0xf209787bb47d6b85u,   348 }, /* 1e124 */
    { 0xb454e4a179dd1877u,   375 }, /* 1e132 */
    { 0x865b86925b9bc5c2u,   402 }, /* 1e140 */
    { 0xc83553c5c8965d3du,   428 }, /* 1e148 */
    { 0x952ab45cfa97a0b3u,   455 }, /* 1e156 */
    { 0xde469fbd99a05fe3u,   481 }, /* 1e164 */
    { 0xa59bc234db398c25u,   508 }, /* 1e172 */
    { 0xf6c69a72a3989f5cu,   534 }, /* 1e180 */
    { 0xb7dcbf5354e9beceu,   561 }, /* 1e188 */
    { 0x88fcf317f22241e2u,   588 }, /* 1e196 */
    { 0xcc20ce9bd35c78a5u,   614 }, /* 1e204 */
    { 0x98165af37b2153dfu,   641 }, /* 1e212 */
    { 0xe2a0b5dc971f303au,   667 }, /* 1e220 */
    { 0xa8d9d1535ce3b396u,   694 }, /* 1e228 */
    { 0xfb9b7cd9a4a7443cu,   720 }, /* 1e236 */
    { 0xbb764c4ca7a44410u,   747 }, /* 1e244 */
    { 0x8bab8eefb6409c1au,   774 }, /* 1e252 */
    { 0xd01fef10a657842cu,   800 }, /* 1e260 */
    { 0x9b10a4e5e9913129u,   827 }, /* 1e268 */
    { 0xe7109bfba19c0c9du,   853 }, /* 1e276 */
    { 0xac2820d9623bf429u,   880 }, /* 1e284 */
    { 0x80444b5e7aa7cf85u,   907 }, /* 1e292 */
    { 0xbf21e44003acdd2du,   933 }, /* 1e300 */
    { 0x8e679c2f5e44ff8fu,   960 }, /* 1e308 */
    { 0xd433179d9c8cb841u,   986 }, /* 1e316 */
    { 0x9e19db92b4e31ba9u,  1013 }, /* 1e324 */
    { 0xeb96bf6ebadf77d9u,  1039 }, /* 1e332 */
    { 0xaf87023b9bf0ee6bu,  1066 }, /* 1e340 */
};
