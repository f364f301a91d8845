// Generated from src/core/infer/coreLayout.ts by `npm run build:layout`: do not edit.
#pragma once

namespace tvm {

enum class HeadKind : int { Unused = 0, Hull = 1, Brute = 2, Position = 3, Passthrough = 4 };
enum class Mode : int { Fast = 0, Hull = 1, Brute = 2 };
enum class Stop : int { None = 0, StopToken = 1, Limit = 2, Refused = 3 };

// Per-head inspection record: doubles at these offsets.
namespace HeadRecord {
constexpr int Kind = 0;
constexpr int Latest = 1;
constexpr int QueryX = 2;
constexpr int QueryY = 3;
constexpr int KeyX = 4;
constexpr int KeyY = 5;
constexpr int Score = 6;
constexpr int Matches = 7;
constexpr int LastPosition = 8;
constexpr int OutputX = 9;
constexpr int OutputY = 10;
constexpr int HullSize = 11;
constexpr int Length = 12;
}  // namespace HeadRecord

// Inspection header; then per layer before[D], afterAttention[D], after[D], H head records.
namespace InspectionHeader {
constexpr int Position = 0;
constexpr int Token = 1;
constexpr int Prediction = 2;
constexpr int PredictionScore = 3;
constexpr int Layers = 4;
constexpr int Heads = 5;
constexpr int DModel = 6;
constexpr int Length = 7;
}  // namespace InspectionHeader

// Residual slots the position encoding is added to: p, inv_log_pos, (p − C)², p − C.
constexpr int kPositionSlot = 0;
constexpr int kInvLogPosSlot = 1;
constexpr int kPositionCenteredSqSlot = 2;
constexpr int kPositionCenteredSlot = 3;
constexpr int kPositionSlots = 4;
constexpr int kPositionCenter = 94906265;

}  // namespace tvm
