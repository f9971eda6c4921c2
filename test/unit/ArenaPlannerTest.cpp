//===- ArenaPlannerTest.cpp - unit tests of the arena planner -------------===//
//
// Checks plans with an oracle of its own (pairwise, byte ranges against live
// ranges) rather than with verifyPlan, on hand-made cases with known optima
// and on seeded random instances.
//
//===----------------------------------------------------------------------===//
#include "edgec/Passes/Memory/ArenaPlanner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>

using namespace edgec::memory;

namespace {

BufferInfo buf(int64_t id, int64_t size, int64_t first, int64_t last,
               int64_t alignment = 1,
               std::optional<int64_t> inPlaceOf = std::nullopt) {
  BufferInfo b;
  b.id = id;
  b.size = size;
  b.alignment = alignment;
  b.firstUse = first;
  b.lastUse = last;
  b.inPlaceOf = inPlaceOf;
  return b;
}

/// Independent oracle: every pair of buffers that is live at a common step
/// is disjoint in memory, except a buffer and the one it reuses in place
/// (same offset, the source dead once the reuser is born); offsets aligned;
/// everything inside the arena.
void expectValid(const std::vector<BufferInfo> &buffers,
                 const ArenaPlan &plan) {
  ASSERT_EQ(plan.offsets.size(), buffers.size());
  for (size_t i = 0; i < buffers.size(); ++i) {
    const BufferInfo &a = buffers[i];
    EXPECT_GE(plan.offsets[i], 0);
    EXPECT_EQ(plan.offsets[i] % a.alignment, 0) << "buffer " << a.id;
    EXPECT_LE(plan.offsets[i] + a.size, plan.arenaSize) << "buffer " << a.id;
    for (size_t j = 0; j < buffers.size(); ++j) {
      if (i == j)
        continue;
      const BufferInfo &b = buffers[j];
      bool sameStep = false;
      for (int64_t t = a.firstUse; t <= a.lastUse && !sameStep; ++t)
        sameStep = b.firstUse <= t && t <= b.lastUse;
      if (!sameStep || a.size == 0 || b.size == 0)
        continue;
      bool inPlace = (a.inPlaceOf == b.id && b.lastUse <= a.firstUse &&
                      plan.offsets[i] == plan.offsets[j]) ||
                     (b.inPlaceOf == a.id && a.lastUse <= b.firstUse &&
                      plan.offsets[i] == plan.offsets[j]);
      if (inPlace)
        continue;
      bool disjoint = plan.offsets[i] + a.size <= plan.offsets[j] ||
                      plan.offsets[j] + b.size <= plan.offsets[i];
      EXPECT_TRUE(disjoint) << "buffers " << a.id << " and " << b.id
                            << " overlap";
    }
  }
}

TEST(ArenaPlanner, Empty) {
  ArenaPlan plan = planArena({});
  EXPECT_EQ(plan.arenaSize, 0);
  EXPECT_EQ(computeLowerBound({}), 0);
}

TEST(ArenaPlanner, ChainReusesEveryOtherBuffer) {
  // a -> b -> c -> d, each op reading its input and writing the next.
  std::vector<BufferInfo> buffers = {buf(0, 100, 0, 1), buf(1, 100, 1, 2),
                                     buf(2, 100, 2, 3), buf(3, 100, 3, 4)};
  for (PlanAlgorithm a :
       {PlanAlgorithm::GreedyBySize, PlanAlgorithm::GreedyByConflicts,
        PlanAlgorithm::FirstFitInOrder, PlanAlgorithm::Best}) {
    ArenaPlan plan = planArena(buffers, a);
    expectValid(buffers, plan);
    EXPECT_EQ(plan.arenaSize, 200) << getAlgorithmName(a);
  }
  EXPECT_EQ(computeLowerBound(buffers), 200);
}

TEST(ArenaPlanner, GreedyBySizeBeatsFirstFit) {
  // Small early buffer, then growing ones: first-fit puts the 30-byte buffer
  // above the 20-byte one; largest-first puts it at 0.
  std::vector<BufferInfo> buffers = {buf(0, 10, 0, 1), buf(1, 20, 1, 2),
                                     buf(2, 30, 2, 3)};
  ArenaPlan firstFit = planArena(buffers, PlanAlgorithm::FirstFitInOrder);
  ArenaPlan bySize = planArena(buffers, PlanAlgorithm::GreedyBySize);
  ArenaPlan best = planArena(buffers);
  expectValid(buffers, firstFit);
  expectValid(buffers, bySize);
  EXPECT_EQ(firstFit.arenaSize, 60);
  EXPECT_EQ(bySize.arenaSize, 50);
  EXPECT_EQ(best.arenaSize, 50);
  EXPECT_EQ(best.algorithm, PlanAlgorithm::GreedyBySize);
  EXPECT_EQ(computeLowerBound(buffers), 50);
}

TEST(ArenaPlanner, DiamondKeepsBranchesApart) {
  // x feeds two branches that meet in an add: x, l, r all live at step 2.
  std::vector<BufferInfo> buffers = {buf(0, 64, 0, 2), buf(1, 64, 1, 3),
                                     buf(2, 64, 2, 3), buf(3, 64, 3, 4)};
  ArenaPlan plan = planArena(buffers);
  expectValid(buffers, plan);
  EXPECT_EQ(plan.arenaSize, 192);
  EXPECT_EQ(computeLowerBound(buffers), 192);
}

TEST(ArenaPlanner, AlignmentRespected) {
  std::vector<BufferInfo> buffers = {buf(0, 3, 0, 2, 1), buf(1, 5, 0, 2, 16),
                                     buf(2, 7, 1, 2, 8), buf(3, 1, 2, 3, 4)};
  for (PlanAlgorithm a :
       {PlanAlgorithm::GreedyBySize, PlanAlgorithm::GreedyByConflicts,
        PlanAlgorithm::FirstFitInOrder}) {
    ArenaPlan plan = planArena(buffers, a);
    expectValid(buffers, plan);
    EXPECT_EQ(plan.arenaSize % 16, 0);
    EXPECT_GE(plan.arenaSize, computeLowerBound(buffers));
  }
}

TEST(ArenaPlanner, LowerBoundRoundsSizes) {
  // Two live 10-byte buffers aligned to 16 need 32 bytes at least.
  std::vector<BufferInfo> buffers = {buf(0, 10, 0, 1, 16),
                                     buf(1, 10, 1, 2, 16)};
  EXPECT_EQ(computeLowerBound(buffers), 32);
  ArenaPlan plan = planArena(buffers);
  expectValid(buffers, plan);
  EXPECT_EQ(plan.arenaSize, 32);
}

TEST(ArenaPlanner, InPlaceSharesTheSourceOffset) {
  // a -> relu (in place) -> b: one buffer suffices instead of two.
  std::vector<BufferInfo> buffers = {buf(0, 64, 0, 1), buf(1, 64, 1, 2, 1, 0)};
  ArenaPlan plan = planArena(buffers);
  expectValid(buffers, plan);
  EXPECT_EQ(plan.inPlaceHonoured, 1);
  EXPECT_EQ(plan.offsets[0], plan.offsets[1]);
  EXPECT_EQ(plan.arenaSize, 64);
  EXPECT_EQ(computeLowerBound(buffers), 64);
  // Without the hint the two overlap at step 1.
  buffers[1].inPlaceOf.reset();
  EXPECT_EQ(planArena(buffers).arenaSize, 128);
  EXPECT_EQ(computeLowerBound(buffers), 128);
}

TEST(ArenaPlanner, InPlaceChain) {
  std::vector<BufferInfo> buffers = {buf(0, 32, 0, 1), buf(1, 32, 1, 2, 1, 0),
                                     buf(2, 32, 2, 3, 1, 1),
                                     buf(3, 8, 0, 3)};
  ArenaPlan plan = planArena(buffers);
  expectValid(buffers, plan);
  EXPECT_EQ(plan.inPlaceHonoured, 2);
  EXPECT_EQ(plan.offsets[0], plan.offsets[1]);
  EXPECT_EQ(plan.offsets[1], plan.offsets[2]);
  EXPECT_EQ(plan.arenaSize, 40);
}

TEST(ArenaPlanner, InPlaceHintsThatCannotBeHonoured) {
  // The source is still live after the reuser is born (1 -> 0), and a
  // second reuser of the same source (2 -> 0) loses to the first.
  std::vector<BufferInfo> stillLive = {buf(0, 16, 0, 3), buf(1, 16, 1, 2, 1, 0)};
  ArenaPlan plan = planArena(stillLive);
  EXPECT_EQ(plan.inPlaceHonoured, 0);
  expectValid(stillLive, plan);
  EXPECT_EQ(plan.arenaSize, 32);

  std::vector<BufferInfo> twice = {buf(0, 16, 0, 1), buf(1, 16, 1, 2, 1, 0),
                                   buf(2, 16, 1, 2, 1, 0)};
  plan = planArena(twice);
  EXPECT_EQ(plan.inPlaceHonoured, 1);
  expectValid(twice, plan);
  EXPECT_EQ(plan.arenaSize, 32);
}

TEST(ArenaPlanner, ZeroSizedBuffersTakeNoSpace) {
  std::vector<BufferInfo> buffers = {buf(0, 0, 0, 5), buf(1, 8, 0, 5)};
  ArenaPlan plan = planArena(buffers);
  expectValid(buffers, plan);
  EXPECT_EQ(plan.arenaSize, 8);
}

TEST(ArenaPlanner, ValidateBuffers) {
  EXPECT_EQ(validateBuffers({buf(0, 1, 0, 0), buf(1, 1, 0, 0)}), "");
  EXPECT_NE(validateBuffers({buf(0, 1, 0, 0), buf(0, 1, 0, 0)}), "");
  EXPECT_NE(validateBuffers({buf(0, -1, 0, 0)}), "");
  EXPECT_NE(validateBuffers({buf(0, 1, 0, 0, 3)}), "");
  EXPECT_NE(validateBuffers({buf(0, 1, 2, 1)}), "");
  EXPECT_NE(validateBuffers({buf(0, 1, 0, 0, 1, 7)}), "");
}

TEST(ArenaPlanner, VerifyPlanCatchesOverlap) {
  std::vector<BufferInfo> buffers = {buf(0, 16, 0, 1), buf(1, 16, 1, 2)};
  ArenaPlan plan;
  plan.offsets = {0, 8};
  plan.arenaSize = 24;
  EXPECT_NE(verifyPlan(buffers, plan), "");
  plan.offsets = {0, 16};
  plan.arenaSize = 32;
  EXPECT_EQ(verifyPlan(buffers, plan), "");
}

TEST(ArenaPlanner, AlgorithmNames) {
  for (PlanAlgorithm a :
       {PlanAlgorithm::GreedyBySize, PlanAlgorithm::GreedyByConflicts,
        PlanAlgorithm::FirstFitInOrder, PlanAlgorithm::Best})
    EXPECT_TRUE(parseAlgorithmName(getAlgorithmName(a)) == a);
  EXPECT_FALSE(parseAlgorithmName("tetris"));
}

/// Random instances shaped like inference graphs: buffers are born at a
/// step and live a few steps (occasionally long: skip connections); some
/// hint in-place reuse of a buffer that dies where they are born.
std::vector<BufferInfo> randomInstance(std::mt19937 &rng, bool withInPlace) {
  std::uniform_int_distribution<int> count(1, 40), steps(1, 30);
  std::uniform_int_distribution<int> coin(0, 99);
  const int64_t alignments[] = {1, 4, 8, 16};
  int n = count(rng), horizon = steps(rng);
  std::vector<BufferInfo> buffers;
  for (int i = 0; i < n; ++i) {
    int64_t first = std::uniform_int_distribution<int>(0, horizon)(rng);
    int64_t length = coin(rng) < 80
                         ? std::uniform_int_distribution<int>(0, 3)(rng)
                         : std::uniform_int_distribution<int>(0, horizon)(rng);
    int64_t size = coin(rng) < 10
                       ? 0
                       : std::uniform_int_distribution<int>(1, 4096)(rng);
    buffers.push_back(buf(i, size, first, first + length,
                          alignments[coin(rng) % 4]));
  }
  if (withInPlace)
    for (BufferInfo &b : buffers)
      for (const BufferInfo &src : buffers)
        if (src.id != b.id && src.lastUse == b.firstUse &&
            src.firstUse < src.lastUse && coin(rng) < 50) {
          b.inPlaceOf = src.id;
          break;
        }
  return buffers;
}

void runRandom(bool withInPlace, unsigned seed) {
  std::mt19937 rng(seed);
  double sumRatio = 0, maxRatio = 1;
  int instances = 0, optimal = 0;
  for (int iter = 0; iter < 2000; ++iter) {
    std::vector<BufferInfo> buffers = randomInstance(rng, withInPlace);
    ASSERT_EQ(validateBuffers(buffers), "");
    int64_t bound = computeLowerBound(buffers);
    int64_t total = 0;
    for (const BufferInfo &b : buffers)
      total += (b.size + 15) / 16 * 16;
    ArenaPlan best = planArena(buffers);
    for (PlanAlgorithm a :
         {PlanAlgorithm::GreedyBySize, PlanAlgorithm::GreedyByConflicts,
          PlanAlgorithm::FirstFitInOrder}) {
      ArenaPlan plan = planArena(buffers, a);
      expectValid(buffers, plan);
      EXPECT_EQ(verifyPlan(buffers, plan), "");
      EXPECT_GE(plan.arenaSize, bound);
      EXPECT_LE(best.arenaSize, plan.arenaSize);
    }
    expectValid(buffers, best);
    EXPECT_GE(best.arenaSize, bound);
    EXPECT_LE(best.arenaSize, std::max<int64_t>(total, 16));
    if (::testing::Test::HasFailure())
      return;
    if (bound > 0) {
      double ratio = double(best.arenaSize) / double(bound);
      sumRatio += ratio;
      maxRatio = std::max(maxRatio, ratio);
      optimal += best.arenaSize == bound;
      ++instances;
    }
  }
  std::printf("[ arena/bound ] %s: %d instances, mean %.4f, max %.4f, "
              "%d at the bound\n",
              withInPlace ? "with in-place hints" : "plain", instances,
              sumRatio / instances, maxRatio, optimal);
}

TEST(ArenaPlanner, RandomInstancesAreValid) { runRandom(false, 20240611u); }

TEST(ArenaPlanner, RandomInstancesWithInPlaceAreValid) {
  runRandom(true, 42u);
}

} // namespace
