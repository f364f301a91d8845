/**
 * The small printf engine (part of the runtime libc, see libc.ts): the conversions, flags and
 * lengths that compile/printfFormats.ts (SMALL_FORMATS, the one statement of the set) lets
 * through, and nothing else. It is reached only when the program links the printf override
 * object (PRINTF_SMALL_SOURCE below), whose strong `vprintf` and `vsnprintf` replace the libc's
 * weak ones; otherwise the linker drops it. printf, fprintf, sprintf and snprintf all end in
 * those two, so the general engine (64-bit integers, floats, every flag) is dropped instead.
 */
export const LIBC_FORMAT_SMALL = String.raw`
/* ------------------------------------------------------------------ the small printf engine */

/* %d %i %u %x %X %c %s %%, flags - and 0 (0 only on numbers), a decimal width, length l or z
   (32 bits here). Anything else never reaches it (compile/printfFormats.ts). */
static NOINLINE int small_format_to(struct tvm_sink *sink, const char *format, va_list ap) {
  const unsigned char *f = (const unsigned char *)format;
  for (;;) {
    unsigned c;
    FORMAT_LITERAL_TEXT(sink, f, c); /* libcFormat.ts */
    f = f + 1;
    c = *f;
    int left = 0;
    int zero = 0;
    int width = 0;
    while (c == '-' || c == '0') {
      if (c == '-') left = 1;
      else zero = 1;
      f = f + 1;
      c = *f;
    }
    while (c - '0' < 10u) {
      width = width * 10 + (c - '0');
      f = f + 1;
      c = *f;
    }
    if (c == 'l' || c == 'z') {
      f = f + 1;
      c = *f;
    }
    f = f + 1;
    const char *body = number_text;
    int length;
    int negative = 0;
    if (c == 'd' || c == 'i') {
      int v = va_arg(ap, int);
      u32 magnitude = v;
      if (v < 0) {
        OPAQUE(magnitude);
        negative = 1;
        magnitude = 0u - magnitude;
      }
      length = format_decimal(magnitude);
    } else if (c == 'u') {
      length = format_decimal(va_arg(ap, u32));
    } else if (c == 'x' || c == 'X') {
      length = format_hex(va_arg(ap, u32), c == 'X' ? 'A' : 'a');
    } else if (c == 'c') {
      number_text[0] = (char)va_arg(ap, int);
      length = 1;
    } else if (c == 's') {
      body = va_arg(ap, const char *);
      if (!body) body = "(null)";
      length = 0;
      while (body[length]) length = length + 1;
    } else {
      sink_put(sink, '%');
      continue;
    }
    int padding = width - negative - length;
    if (padding <= 0) {
      if (negative) sink_put(sink, '-');
      sink_span(sink, body, length);
      continue;
    }
    if (left) {
      if (negative) sink_put(sink, '-');
      sink_span(sink, body, length);
      sink_repeat(sink, ' ', padding);
      continue;
    }
    if (!zero) sink_repeat(sink, ' ', padding);
    if (negative) sink_put(sink, '-');
    if (zero) sink_repeat(sink, '0', padding);
    sink_span(sink, body, length);
  }
}

static struct tvm_sink small_stream_sink;

int __tvm_small_vprintf(const char *format, va_list ap) {
  small_stream_sink.count = 0;
  return small_format_to(&small_stream_sink, format, ap);
}

int __tvm_small_vsnprintf(char *buffer, size_t size, const char *format, va_list ap) {
  static char nowhere;
  struct tvm_sink sink = {size ? buffer : &nowhere, size ? size - 1 : 0, 0};
  int count = small_format_to(&sink, format, ap);
  if (size) buffer[sink.count < sink.room ? sink.count : sink.room] = 0;
  return count;
}
`;

export const PRINTF_SMALL_SOURCE_NAME = 'tvm_printf_small.c';

/** The override object: strong definitions that route the printf family to the small engine. */
export const PRINTF_SMALL_SOURCE = String.raw`#include <stdio.h>
int __tvm_small_vprintf(const char *format, va_list ap);
int __tvm_small_vsnprintf(char *buffer, size_t size, const char *format, va_list ap);
int vprintf(const char *format, va_list ap) { return __tvm_small_vprintf(format, ap); }
int vsnprintf(char *buffer, size_t size, const char *format, va_list ap) { return __tvm_small_vsnprintf(buffer, size, format, ap); }
`;
