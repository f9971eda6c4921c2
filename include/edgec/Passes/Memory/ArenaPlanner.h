//===- ArenaPlanner.h - static arena planning over buffer infos -*- C++ -*-===//
//
// The memory planner as a pluggable algorithm over plain buffer descriptions,
// independent of MLIR: a buffer is a size, an alignment and a live range over
// schedule steps. Two buffers whose live ranges overlap must not overlap in
// memory; the planner assigns every buffer an offset in one arena and tries
// to keep the arena small. See docs/memory-planning.md.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_PASSES_MEMORY_ARENAPLANNER_H
#define EDGEC_PASSES_MEMORY_ARENAPLANNER_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace edgec::memory {

/// One buffer to place. Live ranges are inclusive: the buffer is written at
/// schedule step `firstUse` (its producer) and read for the last time at
/// `lastUse`; two buffers conflict when their ranges share a step.
struct BufferInfo {
  /// Caller's identifier; must be unique within one planning problem.
  int64_t id = 0;
  /// Bytes (0 is allowed: such a buffer gets offset 0 and takes no space).
  int64_t size = 0;
  /// The offset must be a multiple of this (a power of two, >= 1).
  int64_t alignment = 1;
  int64_t firstUse = 0;
  int64_t lastUse = 0;
  /// This buffer may reuse the memory of buffer `*inPlaceOf` (the op that
  /// produces it reads that buffer for the last time and can write its result
  /// over it, e.g. an elementwise op). The hint is honoured when the other
  /// buffer dies no later than this one is born and no other buffer already
  /// reuses it; both then get the same offset.
  std::optional<int64_t> inPlaceOf;
};

enum class PlanAlgorithm {
  /// Largest first, each at the lowest aligned offset that does not overlap
  /// any already placed buffer with an overlapping live range (TFLM's
  /// greedy memory planner, TVM USMP's greedy_by_size).
  GreedyBySize,
  /// The same placement rule, buffers ordered by how many others they
  /// conflict with (most first; TVM USMP's greedy_by_conflicts).
  GreedyByConflicts,
  /// The same placement rule in schedule order (first use, then id): what a
  /// run-time first-fit allocator that never moves anything would do.
  FirstFitInOrder,
  /// Runs all of the above and keeps the smallest arena.
  Best,
};

const char *getAlgorithmName(PlanAlgorithm algorithm);
/// Parses "greedy-by-size", "greedy-by-conflicts", "first-fit" or "best".
std::optional<PlanAlgorithm> parseAlgorithmName(const std::string &name);

struct ArenaPlan {
  /// offsets[i] is the offset of buffers[i] (same order as the input).
  std::vector<int64_t> offsets;
  /// max(offset + size) over all buffers, rounded up to the largest
  /// alignment; 0 for no buffers.
  int64_t arenaSize = 0;
  /// The algorithm that produced this plan (never Best).
  PlanAlgorithm algorithm = PlanAlgorithm::GreedyBySize;
  /// How many in-place hints were honoured.
  int64_t inPlaceHonoured = 0;
};

/// Checks the buffer list: ids unique, sizes >= 0, alignments powers of two,
/// firstUse <= lastUse, in-place hints naming existing buffers. Returns an
/// empty string when valid, else a description of the first problem.
std::string validateBuffers(const std::vector<BufferInfo> &buffers);

/// Plans `buffers` (which must pass validateBuffers).
ArenaPlan planArena(const std::vector<BufferInfo> &buffers,
                    PlanAlgorithm algorithm = PlanAlgorithm::Best);

/// A lower bound on any valid plan's arena size that honours the same
/// in-place hints: the largest, over schedule steps, of the summed sizes of
/// the buffers live at that step (buffers merged by in-place reuse count
/// once; sizes rounded up to the smallest alignment, then the sum to the
/// largest).
int64_t computeLowerBound(const std::vector<BufferInfo> &buffers);

/// Checks `plan` against `buffers`: alignment, and no memory overlap between
/// live-overlapping buffers unless one reuses the other in place at the same
/// offset. Returns an empty string when valid.
std::string verifyPlan(const std::vector<BufferInfo> &buffers,
                       const ArenaPlan &plan);

} // namespace edgec::memory

#endif // EDGEC_PASSES_MEMORY_ARENAPLANNER_H
