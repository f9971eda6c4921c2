//===- Passes.td - memory planning passes ------------------*- tablegen -*-===//
#ifndef EDGEC_PASSES_MEMORY_PASSES_TD
#define EDGEC_PASSES_MEMORY_PASSES_TD

include "mlir/Pass/PassBase.td"

def EdgePlanMemory : Pass<"edge-plan-memory", "::mlir::func::FuncOp"> {
  let summary = "plans a static arena for the intermediate tensors of a function";
  let description = [{
    Assigns every intermediate tensor of a single-block `func.func` of edge
    ops an offset in one statically sized arena. The schedule is the op
    order in the block. Planned: results of ops other than constants that are
    not function results. Not planned: function arguments and results (the
    caller's buffers), constants (weights live in flash). `edge.reshape`
    aliases its input (same buffer, liveness extended). With `in-place`,
    elementwise unary/activation/binary ops write over an input that dies
    there and has the result's shape and element size.

    Records `edge.arena_offset` (or `edge.arena_offsets` for multi-result
    ops, -1 for an unplanned result) on each planned op, and
    `edge.arena_size`, `edge.arena_lower_bound` and `edge.arena_algorithm`
    on the function. See docs/memory-planning.md.
  }];
  let options = [
    Option<"alignment", "alignment", "int64_t", /*default=*/"16",
           "byte alignment of every buffer offset (a power of two)">,
    Option<"inPlace", "in-place", "bool", /*default=*/"true",
           "let elementwise ops overwrite an input that dies at them">,
    Option<"algorithm", "algorithm", "std::string", /*default=*/"\"best\"",
           "greedy-by-size, greedy-by-conflicts, first-fit, or best (all, "
           "keep the smallest arena)">,
  ];
}

#endif // EDGEC_PASSES_MEMORY_PASSES_TD
