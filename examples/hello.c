/*
 * hello: greets its argument. The smallest example: no #include, only the runtime's
 * print_str helper, which puts one byte at a time through putchar.
 */
void compute(const char *name) {
  print_str("Hello, ");
  print_str(name);
  print_str("!\n");
}
