// Native profiling driver for the inference core (docs/inference-core.md, "Where a token's time goes"):
// the core's C++ (model.cpp, session.cpp) in fast mode on a .bin model and a prompt of int32 ids.
//   npx tsx bench/native/dumpSudoku.ts          # writes .cache/native/universal.bin and sudoku.ids
//   g++ -O2 -g -std=c++17 -ffp-contract=off -Iemscripten bench/native/driver.cpp emscripten/model.cpp emscripten/session.cpp emscripten/rampFfn.cpp -o .cache/native/driver
//   valgrind --tool=callgrind .cache/native/driver .cache/native/universal.bin .cache/native/sudoku.ids 100000
// Prints tokens, a hash of the generated ids (equal hashes: same tokens), time and state per token.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>
#include "model.hpp"
#include "session.hpp"
using namespace tvm;
static std::vector<uint8_t> slurp(const char* p) {
  std::ifstream f(p, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), {});
}
int main(int argc, char** argv) {
  auto mb = slurp(argv[1]);
  auto pb = slurp(argv[2]);
  long limit = argc > 3 ? std::stol(argv[3]) : 100000000;
  std::string err;
  Model* m = loadModel(mb.data(), mb.size(), err);
  if (!m) { fprintf(stderr, "%s\n", err.c_str()); return 1; }
  Session s(*m, Mode::Fast, 6e6);
  std::vector<int32_t> prompt(pb.size() / 4);
  memcpy(prompt.data(), pb.data(), pb.size());
  auto t0 = std::chrono::steady_clock::now();
  if (!s.feed(prompt.data(), (int)prompt.size(), err)) { fprintf(stderr, "%s\n", err.c_str()); return 1; }
  std::vector<int32_t> out(4096);
  long total = 0; unsigned long long h = 1469598103934665603ull;
  while (total < limit) {
    int n = s.generate(4096, out.data());
    for (int i = 0; i < n; i++) h = (h ^ (unsigned)out[i]) * 1099511628211ull;
    total += n;
    if (n == 0 || s.stopped() != Stop::None) break;
  }
  double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  printf("%ld generated, %d positions, hash %016llx, %.2f s, %.0f tok/s, state %.1f B/tok\n", total, s.position(), h, sec, s.position() / sec, s.stateBytes() / s.position());
}
