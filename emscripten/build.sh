#!/usr/bin/env bash
# Builds the inference core: emscripten/*.cpp → src/wasm/tvmcore.mjs + tvmcore.wasm
# (one ES-module build for browser workers and Node; see docs/inference-core.md).
# Reproducible: fixed flags, sources in a fixed order, paths relative to this directory.
set -euo pipefail
cd "$(dirname "$0")"
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}   # Debian's emcc needs it (acorn-optimizer)
out=../src/wasm
mkdir -p "$out"
exports=_tvm_error,_tvm_model_load,_tvm_model_free,_tvm_model_head_kind,_tvm_model_head_values,_tvm_model_bytes,\
_tvm_session_new,_tvm_session_free,_tvm_session_reset,_tvm_session_feed,_tvm_session_generate,\
_tvm_session_stopped,_tvm_session_position,_tvm_session_generated,_tvm_session_state_bytes,\
_tvm_session_inspect_at,_tvm_session_inspection_ready,_tvm_session_inspection,_tvm_session_inspection_length,\
_tvm_session_drop_inspection,_tvm_model_ramp_units,_tvm_session_set_ramps,_tvm_session_ramp_hits,_tvm_session_ramp_misses,\
_tvm_session_set_trace,_tvm_session_trace,_tvm_session_trace_length,_tvm_alloc,_tvm_free
# -sJS_MATH: log() is JavaScript's Math.log, so inv_log_pos is bit-identical to the TS engine's.
emcc api.cpp model.cpp rampFfn.cpp session.cpp -O3 -msimd128 -mbulk-memory -std=c++17 -fno-exceptions -ffp-contract=off \
  -sJS_MATH=1 -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createTvmCore -sENVIRONMENT=web,worker \
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=16MB -sMAXIMUM_MEMORY=4GB -sFILESYSTEM=0 -sASSERTIONS=0 \
  -sEXPORTED_FUNCTIONS=$exports -sEXPORTED_RUNTIME_METHODS=HEAPU8,HEAP32,HEAPF64,UTF8ToString \
  -o "$out/tvmcore.mjs"
echo "built $out/tvmcore.mjs ($(wc -c < "$out/tvmcore.mjs") bytes) and tvmcore.wasm ($(wc -c < "$out/tvmcore.wasm") bytes)"
