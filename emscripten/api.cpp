// The C ABI the TypeScript binding (src/core/infer/wasmEngine.ts) calls. Handles are pointers.
#include <emscripten/emscripten.h>

#include <string>
#include <cstdlib>

#include "model.hpp"
#include "session.hpp"

using namespace tvm;

static std::string lastError;

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* tvm_error() { return lastError.c_str(); }

// Returns a model handle, or 0 (see tvm_error).
EMSCRIPTEN_KEEPALIVE Model* tvm_model_load(const uint8_t* bytes, int len) {
  lastError.clear();
  Model* m = loadModel(bytes, (size_t)len, lastError);
  return m;
}

EMSCRIPTEN_KEEPALIVE void tvm_model_free(Model* m) { delete m; }

// Fast-mode kind of a head: 0 unused, 1 hull, 3 position-keyed, 4 passthrough.
EMSCRIPTEN_KEEPALIVE int tvm_model_head_kind(const Model* m, int layer, int head) {
  return (int)m->plans[(size_t)layer * m->H + head].kind;
}

// Value source of a position-keyed head: 0 table, 1 recompute, 2 stored.
EMSCRIPTEN_KEEPALIVE int tvm_model_head_values(const Model* m, int layer, int head) {
  return (int)m->plans[(size_t)layer * m->H + head].values;
}

EMSCRIPTEN_KEEPALIVE double tvm_model_bytes(const Model* m) { return (double)m->bytes(); }

// mode: 0 fast, 1 hull, 2 brute.
EMSCRIPTEN_KEEPALIVE Session* tvm_session_new(const Model* m, int mode, double maxTokens) {
  return new Session(*m, (Mode)mode, maxTokens);
}

EMSCRIPTEN_KEEPALIVE void tvm_session_free(Session* s) { delete s; }
EMSCRIPTEN_KEEPALIVE void tvm_session_reset(Session* s) { s->reset(); }

// 0 = ok, −1 = refused (see tvm_error).
EMSCRIPTEN_KEEPALIVE int tvm_session_feed(Session* s, const int32_t* ids, int n) {
  lastError.clear();
  return s->feed(ids, n, lastError) ? 0 : -1;
}

EMSCRIPTEN_KEEPALIVE int tvm_session_generate(Session* s, int maxTokens, int32_t* out) {
  lastError.clear();
  const int n = s->generate(maxTokens, out);
  if (s->stopped() == Stop::Refused) lastError = s->refusal();
  return n;
}

// 0 = may continue, 1 = stop token emitted, 2 = limit reached, 3 = refused (see tvm_error).
EMSCRIPTEN_KEEPALIVE int tvm_session_stopped(const Session* s) { return (int)s->stopped(); }
EMSCRIPTEN_KEEPALIVE int tvm_session_position(const Session* s) { return s->position(); }
EMSCRIPTEN_KEEPALIVE double tvm_session_generated(const Session* s) { return s->generated(); }
EMSCRIPTEN_KEEPALIVE double tvm_session_state_bytes(const Session* s) { return s->stateBytes(); }

EMSCRIPTEN_KEEPALIVE void tvm_session_inspect_at(Session* s, int pos) { s->inspectAt(pos); }
EMSCRIPTEN_KEEPALIVE int tvm_session_inspection_ready(const Session* s) { return s->inspectionReady() ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE const double* tvm_session_inspection(const Session* s) { return s->inspection(); }
EMSCRIPTEN_KEEPALIVE int tvm_session_inspection_length(const Session* s) { return s->inspectionLength(); }
EMSCRIPTEN_KEEPALIVE void tvm_session_drop_inspection(Session* s) { s->dropInspection(); }

// Ramp FFN path (rampFfn.hpp): the units it covers in a layer's FFN (0: none recognised).
EMSCRIPTEN_KEEPALIVE int tvm_model_ramp_units(const Model* m, int layer) { return m->layers[layer].ramp.units; }
EMSCRIPTEN_KEEPALIVE void tvm_session_set_ramps(Session* s, int on) { s->setRamps(on != 0); }
EMSCRIPTEN_KEEPALIVE double tvm_session_ramp_hits(const Session* s) { return s->rampHits(); }
EMSCRIPTEN_KEEPALIVE double tvm_session_ramp_misses(const Session* s) { return s->rampMisses(); }
// Residual trace: one 64-bit hash per processed token (two int32 words, low first).
EMSCRIPTEN_KEEPALIVE void tvm_session_set_trace(Session* s, int on) { s->setTrace(on != 0); }
EMSCRIPTEN_KEEPALIVE const uint64_t* tvm_session_trace(const Session* s) { return s->trace(); }
EMSCRIPTEN_KEEPALIVE int tvm_session_trace_length(const Session* s) { return s->traceLength(); }

EMSCRIPTEN_KEEPALIVE void* tvm_alloc(int bytes) { return malloc((size_t)bytes); }
EMSCRIPTEN_KEEPALIVE void tvm_free(void* p) { free(p); }

}  // extern "C"
