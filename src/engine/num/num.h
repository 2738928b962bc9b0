/*
 * num.h - number <-> text conversion, exactly as ECMAScript requires.
 *
 * Number::toString is the shortest string that reads back to the same
 * double (ECMA-262 6.1.6.1.20); text -> number is correctly rounded
 * (round-half-even on the exact decimal value).  Locale-independent, no
 * allocation, no global state: safe to call from any thread.
 */
#ifndef WF_NUM_H
#define WF_NUM_H

#include <stddef.h>
#include <stdint.h>

/* Big enough for any output of the functions below except wf_num_to_fixed
   with huge values and wf_num_to_radix (see their comments). */
#define WF_NUM_BUF_SIZE 128

/* Number::toString(d) in radix 10: "NaN", "Infinity", "-0" prints as "0",
   "1e+21", "1.5e-7", "123.456"... Writes a NUL-terminated string to buf
   (at least WF_NUM_BUF_SIZE bytes) and returns its length. */
int wf_num_dtoa(double d, char *buf);

/* Number.prototype.toString(radix) for radix 2..36 (radix 10 gives the same
   as wf_num_dtoa).  buf must hold at least 1100 bytes. Returns length.
   The digits are V8's: fraction digits until the value is identified
   within half the gap to the next double (last digit rounded half to
   even); integer digits beyond the double's precision print as 0 in
   radices that are not powers of two.  Power-of-two radices are exact. */
int wf_num_to_radix(double d, int radix, char *buf);

/* Number.prototype.toFixed(fraction_digits), 0 <= fraction_digits <= 100,
   for |d| < 1e21 (the caller handles the other cases per spec).  buf must
   hold at least 160 bytes.  Returns length.  Rounds the exact value of d
   half up (away from zero for negative d), as the spec's "larger n". */
int wf_num_to_fixed(double d, int fraction_digits, char *buf);

/* Number.prototype.toExponential(fraction_digits); fraction_digits < 0 means
   "as many digits as necessary" (undefined argument).  d is finite. */
int wf_num_to_exponential(double d, int fraction_digits, char *buf);

/* Number.prototype.toPrecision(precision), 1 <= precision <= 100, d finite. */
int wf_num_to_precision(double d, int precision, char *buf);

/* Correctly rounded decimal text -> double.  Parses the longest prefix of
   s[0..len) of the form  digits [ '.' digits ] [ (e|E) [+|-] digits ]
   (also '.' digits ...); no sign, no whitespace, no separators.  *consumed
   receives the number of bytes used (0 if no number).  Overflow gives
   Infinity, underflow 0. */
double wf_num_strtod(const char *s, size_t len, size_t *consumed);

/* Integer digits in radix 2..36 -> double, correctly rounded (exactly
   rounded for every radix).  Parses the longest prefix of valid digits;
   *consumed as above. */
double wf_num_parse_radix(const char *s, size_t len, int radix, size_t *consumed);

/* StringToNumber (ECMA-262 7.1.4.1.1) on text already stripped of leading
   and trailing white space and line terminators, given as bytes (Latin-1;
   the caller maps any char > 0xff to NaN itself).  Handles "", Infinity,
   +/-, decimal with exponent, 0x/0o/0b (no sign allowed for those).
   Returns NaN for anything else.  Numeric separators are NOT allowed. */
double wf_num_from_string(const char *s, size_t len);

#endif /* WF_NUM_H */
