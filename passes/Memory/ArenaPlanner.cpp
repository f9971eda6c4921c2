//===- ArenaPlanner.cpp - static arena planning over buffer infos ---------===//
//
// Buffers joined by honoured in-place hints are merged into one "slot" (one
// offset, the largest size and alignment, the union of the live ranges); the
// algorithms place slots. All of them share one placement rule: the lowest
// aligned offset whose [offset, offset + size) misses every already placed
// slot with an overlapping live range. They differ only in the order in
// which slots are placed.
//
//===----------------------------------------------------------------------===//
#include "edgec/Passes/Memory/ArenaPlanner.h"

#include <algorithm>
#include <map>
#include <numeric>

using namespace edgec::memory;

namespace {

int64_t alignUp(int64_t value, int64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

bool isPowerOfTwo(int64_t value) {
  return value > 0 && (value & (value - 1)) == 0;
}

/// Buffers merged by in-place reuse: they share one offset.
struct Slot {
  int64_t size = 0;
  int64_t alignment = 1;
  int64_t firstUse = 0;
  int64_t lastUse = 0;
  std::vector<size_t> members; // indices into the buffer list
};

bool liveOverlap(int64_t aFirst, int64_t aLast, int64_t bFirst,
                 int64_t bLast) {
  return aFirst <= bLast && bFirst <= aLast;
}

/// Resolves in-place hints (see BufferInfo::inPlaceOf) into slots. `slotOf`
/// maps buffer index -> slot index.
std::vector<Slot> buildSlots(const std::vector<BufferInfo> &buffers,
                             std::vector<size_t> &slotOf,
                             int64_t &honoured) {
  const size_t n = buffers.size();
  std::map<int64_t, size_t> indexOf;
  for (size_t i = 0; i < n; ++i)
    indexOf[buffers[i].id] = i;

  // Union-find over buffer indices.
  std::vector<size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](size_t x) {
    while (parent[x] != x)
      x = parent[x] = parent[parent[x]];
    return x;
  };

  // Visit hints in schedule order so that the outcome does not depend on how
  // the caller ordered the list beyond ties.
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (buffers[a].firstUse != buffers[b].firstUse)
      return buffers[a].firstUse < buffers[b].firstUse;
    return a < b;
  });
  std::vector<bool> reused(n, false);
  honoured = 0;
  for (size_t b : order) {
    const BufferInfo &buf = buffers[b];
    if (!buf.inPlaceOf)
      continue;
    auto it = indexOf.find(*buf.inPlaceOf);
    if (it == indexOf.end())
      continue;
    size_t a = it->second;
    const BufferInfo &src = buffers[a];
    // The source must die exactly where this buffer is born (if it died
    // earlier, plain planning reuses its memory anyway), be reused by no one
    // else, and not already be merged with this buffer.
    if (a == b || reused[a] || src.lastUse != buf.firstUse ||
        src.firstUse > buf.firstUse || find(a) == find(b))
      continue;
    reused[a] = true;
    parent[find(b)] = find(a);
    ++honoured;
  }

  std::vector<Slot> slots;
  std::map<size_t, size_t> slotOfRoot;
  slotOf.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    size_t root = find(i);
    auto [it, inserted] = slotOfRoot.try_emplace(root, slots.size());
    if (inserted) {
      Slot slot;
      slot.size = buffers[i].size;
      slot.alignment = buffers[i].alignment;
      slot.firstUse = buffers[i].firstUse;
      slot.lastUse = buffers[i].lastUse;
      slots.push_back(slot);
    }
    Slot &slot = slots[it->second];
    slot.size = std::max(slot.size, buffers[i].size);
    slot.alignment = std::max(slot.alignment, buffers[i].alignment);
    slot.firstUse = std::min(slot.firstUse, buffers[i].firstUse);
    slot.lastUse = std::max(slot.lastUse, buffers[i].lastUse);
    slot.members.push_back(i);
    slotOf[i] = it->second;
  }
  return slots;
}

/// Places slots in `order`; returns per-slot offsets.
std::vector<int64_t> placeInOrder(const std::vector<Slot> &slots,
                                  const std::vector<std::vector<size_t>> &conflicts,
                                  const std::vector<size_t> &order) {
  std::vector<int64_t> offset(slots.size(), 0);
  std::vector<bool> placed(slots.size(), false);
  std::vector<std::pair<int64_t, int64_t>> busy; // [begin, end) sorted
  for (size_t s : order) {
    const Slot &slot = slots[s];
    placed[s] = true;
    if (slot.size == 0)
      continue; // takes no space, stays at 0
    busy.clear();
    for (size_t other : conflicts[s])
      if (placed[other] && slots[other].size > 0)
        busy.emplace_back(offset[other], offset[other] + slots[other].size);
    std::sort(busy.begin(), busy.end());
    int64_t candidate = 0;
    for (auto [begin, end] : busy) {
      if (candidate + slot.size <= begin)
        break; // fits in the gap below this busy range
      candidate = std::max(candidate, alignUp(end, slot.alignment));
    }
    offset[s] = candidate;
  }
  return offset;
}

std::vector<size_t> orderFor(PlanAlgorithm algorithm,
                             const std::vector<Slot> &slots,
                             const std::vector<std::vector<size_t>> &conflicts) {
  std::vector<size_t> order(slots.size());
  std::iota(order.begin(), order.end(), 0);
  auto length = [&](size_t s) { return slots[s].lastUse - slots[s].firstUse; };
  switch (algorithm) {
  case PlanAlgorithm::GreedyBySize:
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (slots[a].size != slots[b].size)
        return slots[a].size > slots[b].size;
      if (length(a) != length(b))
        return length(a) > length(b);
      if (slots[a].firstUse != slots[b].firstUse)
        return slots[a].firstUse < slots[b].firstUse;
      return a < b;
    });
    break;
  case PlanAlgorithm::GreedyByConflicts:
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (conflicts[a].size() != conflicts[b].size())
        return conflicts[a].size() > conflicts[b].size();
      if (slots[a].size != slots[b].size)
        return slots[a].size > slots[b].size;
      if (slots[a].firstUse != slots[b].firstUse)
        return slots[a].firstUse < slots[b].firstUse;
      return a < b;
    });
    break;
  case PlanAlgorithm::FirstFitInOrder:
  case PlanAlgorithm::Best:
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (slots[a].firstUse != slots[b].firstUse)
        return slots[a].firstUse < slots[b].firstUse;
      return a < b;
    });
    break;
  }
  return order;
}

} // namespace

const char *edgec::memory::getAlgorithmName(PlanAlgorithm algorithm) {
  switch (algorithm) {
  case PlanAlgorithm::GreedyBySize:
    return "greedy-by-size";
  case PlanAlgorithm::GreedyByConflicts:
    return "greedy-by-conflicts";
  case PlanAlgorithm::FirstFitInOrder:
    return "first-fit";
  case PlanAlgorithm::Best:
    return "best";
  }
  return "unknown";
}

std::optional<PlanAlgorithm>
edgec::memory::parseAlgorithmName(const std::string &name) {
  for (PlanAlgorithm a :
       {PlanAlgorithm::GreedyBySize, PlanAlgorithm::GreedyByConflicts,
        PlanAlgorithm::FirstFitInOrder, PlanAlgorithm::Best})
    if (name == getAlgorithmName(a))
      return a;
  return std::nullopt;
}

std::string
edgec::memory::validateBuffers(const std::vector<BufferInfo> &buffers) {
  std::map<int64_t, size_t> seen;
  for (size_t i = 0; i < buffers.size(); ++i) {
    const BufferInfo &b = buffers[i];
    std::string name = "buffer " + std::to_string(b.id);
    if (!seen.emplace(b.id, i).second)
      return name + ": duplicate id";
    if (b.size < 0)
      return name + ": negative size";
    if (!isPowerOfTwo(b.alignment))
      return name + ": alignment " + std::to_string(b.alignment) +
             " is not a power of two";
    if (b.firstUse > b.lastUse)
      return name + ": first use after last use";
  }
  for (const BufferInfo &b : buffers)
    if (b.inPlaceOf && !seen.count(*b.inPlaceOf))
      return "buffer " + std::to_string(b.id) + ": in-place of unknown buffer " +
             std::to_string(*b.inPlaceOf);
  return "";
}

ArenaPlan edgec::memory::planArena(const std::vector<BufferInfo> &buffers,
                                   PlanAlgorithm algorithm) {
  std::vector<size_t> slotOf;
  int64_t honoured = 0;
  std::vector<Slot> slots = buildSlots(buffers, slotOf, honoured);

  std::vector<std::vector<size_t>> conflicts(slots.size());
  for (size_t a = 0; a < slots.size(); ++a)
    for (size_t b = a + 1; b < slots.size(); ++b)
      if (liveOverlap(slots[a].firstUse, slots[a].lastUse, slots[b].firstUse,
                      slots[b].lastUse)) {
        conflicts[a].push_back(b);
        conflicts[b].push_back(a);
      }

  int64_t maxAlignment = 1;
  for (const BufferInfo &b : buffers)
    maxAlignment = std::max(maxAlignment, b.alignment);

  auto run = [&](PlanAlgorithm which) {
    std::vector<int64_t> slotOffset =
        placeInOrder(slots, conflicts, orderFor(which, slots, conflicts));
    ArenaPlan plan;
    plan.algorithm = which;
    plan.inPlaceHonoured = honoured;
    plan.offsets.resize(buffers.size());
    int64_t end = 0;
    for (size_t i = 0; i < buffers.size(); ++i) {
      plan.offsets[i] = slotOffset[slotOf[i]];
      if (buffers[i].size > 0)
        end = std::max(end, plan.offsets[i] + buffers[i].size);
    }
    plan.arenaSize = alignUp(end, maxAlignment);
    return plan;
  };

  if (algorithm != PlanAlgorithm::Best)
    return run(algorithm);
  ArenaPlan best = run(PlanAlgorithm::GreedyBySize);
  for (PlanAlgorithm other :
       {PlanAlgorithm::GreedyByConflicts, PlanAlgorithm::FirstFitInOrder}) {
    ArenaPlan plan = run(other);
    if (plan.arenaSize < best.arenaSize)
      best = std::move(plan);
  }
  return best;
}

int64_t
edgec::memory::computeLowerBound(const std::vector<BufferInfo> &buffers) {
  if (buffers.empty())
    return 0;
  std::vector<size_t> slotOf;
  int64_t honoured = 0;
  std::vector<Slot> slots = buildSlots(buffers, slotOf, honoured);
  int64_t minAlignment = buffers.front().alignment, maxAlignment = 1;
  for (const BufferInfo &b : buffers) {
    minAlignment = std::min(minAlignment, b.alignment);
    maxAlignment = std::max(maxAlignment, b.alignment);
  }
  // Sweep over the steps where some slot starts: the live sum only grows
  // there, so the maximum is attained at one of them.
  std::vector<std::pair<int64_t, int64_t>> events; // (step, +size / -size)
  for (const Slot &s : slots) {
    if (s.size == 0)
      continue;
    int64_t size = alignUp(s.size, minAlignment);
    events.emplace_back(s.firstUse, size);
    events.emplace_back(s.lastUse + 1, -size);
  }
  // At equal steps, process ends (negative) before starts.
  std::sort(events.begin(), events.end());
  int64_t live = 0, peak = 0;
  for (auto [step, delta] : events) {
    live += delta;
    peak = std::max(peak, live);
  }
  return alignUp(peak, maxAlignment);
}

std::string edgec::memory::verifyPlan(const std::vector<BufferInfo> &buffers,
                                      const ArenaPlan &plan) {
  if (plan.offsets.size() != buffers.size())
    return "plan has " + std::to_string(plan.offsets.size()) +
           " offsets for " + std::to_string(buffers.size()) + " buffers";
  // A buffer may share memory with the buffer it reuses in place, when it
  // sits at the same offset and that buffer is dead once it is born.
  auto reusesInPlace = [&](size_t i, size_t j) {
    const BufferInfo &b = buffers[i];
    if (!b.inPlaceOf || *b.inPlaceOf != buffers[j].id)
      return false;
    return plan.offsets[i] == plan.offsets[j] &&
           buffers[j].lastUse <= b.firstUse;
  };
  for (size_t i = 0; i < buffers.size(); ++i) {
    const BufferInfo &a = buffers[i];
    int64_t aOff = plan.offsets[i];
    std::string name = "buffer " + std::to_string(a.id);
    if (aOff < 0 || aOff % a.alignment != 0)
      return name + ": offset " + std::to_string(aOff) +
             " is not a non-negative multiple of " +
             std::to_string(a.alignment);
    if (aOff + a.size > plan.arenaSize)
      return name + ": ends past the arena";
    if (a.size == 0)
      continue;
    for (size_t j = i + 1; j < buffers.size(); ++j) {
      const BufferInfo &b = buffers[j];
      int64_t bOff = plan.offsets[j];
      if (b.size == 0 ||
          !liveOverlap(a.firstUse, a.lastUse, b.firstUse, b.lastUse) ||
          reusesInPlace(i, j) || reusesInPlace(j, i))
        continue;
      if (aOff < bOff + b.size && bOff < aOff + a.size)
        return name + " and buffer " + std::to_string(b.id) +
               " are live together and overlap in memory";
    }
  }
  return "";
}
