/* The native driver for compute-form programs: compute(argv[1]), like the machine's entry. */
#ifdef TVM_COMPUTE_TAKES_INPUT
void compute(const char *input);
int main(int argc, char **argv) {
  compute(argc > 1 ? argv[1] : "");
  return 0;
}
#else
void compute(void);
int main(void) {
  compute();
  return 0;
}
#endif
