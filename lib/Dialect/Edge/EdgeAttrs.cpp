//===- EdgeAttrs.cpp - attributes and enums of the edge dialect -----------===//
//
// The `#edge.act<...>` attribute: custom syntax and parameter verification.
//
//===----------------------------------------------------------------------===//
#include "edgec/Dialect/Edge/EdgeAttrs.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace edgec::edge;

#include "edgec/Dialect/Edge/EdgeEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "edgec/Dialect/Edge/EdgeAttrs.cpp.inc"

static FloatAttr f32Attr(MLIRContext *ctx, double value) {
  return FloatAttr::get(Float32Type::get(ctx), value);
}

ActivationAttr ActivationAttr::getClip(MLIRContext *ctx, float lo, float hi) {
  return get(ctx, ActivationKind::clip, f32Attr(ctx, lo), f32Attr(ctx, hi),
             FloatAttr());
}

ActivationAttr ActivationAttr::getLeakyRelu(MLIRContext *ctx, float slope) {
  return get(ctx, ActivationKind::leaky_relu, FloatAttr(), FloatAttr(),
             f32Attr(ctx, slope));
}

std::optional<std::pair<double, double>>
ActivationAttr::getClampRange() const {
  constexpr double inf = std::numeric_limits<double>::infinity();
  switch (getKind()) {
  case ActivationKind::none:
    return std::make_pair(-inf, inf);
  case ActivationKind::relu:
    return std::make_pair(0.0, inf);
  case ActivationKind::relu6:
    return std::make_pair(0.0, 6.0);
  case ActivationKind::relu_n1_to_1:
    return std::make_pair(-1.0, 1.0);
  case ActivationKind::clip:
    return std::make_pair(getMin().getValueAsDouble(),
                          getMax().getValueAsDouble());
  default:
    return std::nullopt;
  }
}

LogicalResult
ActivationAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                       ActivationKind kind, FloatAttr min, FloatAttr max,
                       FloatAttr alpha) {
  for (FloatAttr param : {min, max, alpha})
    if (param && !param.getType().isF32())
      return emitError() << "activation parameters must be f32";
  bool isClip = kind == ActivationKind::clip;
  bool isLeaky = kind == ActivationKind::leaky_relu;
  if (isClip && (!min || !max))
    return emitError() << "'clip' activation needs 'min' and 'max'";
  if (!isClip && (min || max))
    return emitError() << "'" << stringifyActivationKind(kind)
                       << "' activation takes no 'min'/'max'";
  if (isLeaky && !alpha)
    return emitError() << "'leaky_relu' activation needs 'alpha'";
  if (!isLeaky && alpha)
    return emitError() << "'" << stringifyActivationKind(kind)
                       << "' activation takes no 'alpha'";
  if (isClip && min.getValueAsDouble() > max.getValueAsDouble())
    return emitError() << "'clip' activation has min " << min.getValueAsDouble()
                       << " > max " << max.getValueAsDouble();
  if (isClip && (std::isnan(min.getValueAsDouble()) ||
                 std::isnan(max.getValueAsDouble())))
    return emitError() << "'clip' bounds must not be NaN";
  return success();
}

// #edge.act<kind (, name = float)*>
Attribute ActivationAttr::parse(AsmParser &parser, Type) {
  MLIRContext *ctx = parser.getContext();
  SMLoc loc = parser.getCurrentLocation();
  StringRef kindName;
  if (parser.parseLess() || parser.parseKeyword(&kindName))
    return {};
  std::optional<ActivationKind> kind = symbolizeActivationKind(kindName);
  if (!kind) {
    parser.emitError(loc) << "unknown activation '" << kindName << "'";
    return {};
  }
  FloatAttr params[3];
  static constexpr StringLiteral names[] = {"min", "max", "alpha"};
  while (succeeded(parser.parseOptionalComma())) {
    SMLoc nameLoc = parser.getCurrentLocation();
    StringRef name;
    double value;
    if (parser.parseKeyword(&name))
      return {};
    const auto *it = llvm::find(names, name);
    if (it == std::end(names)) {
      parser.emitError(nameLoc)
          << "unknown activation parameter '" << name
          << "' (expected 'min', 'max' or 'alpha')";
      return {};
    }
    FloatAttr &slot = params[it - std::begin(names)];
    if (slot) {
      parser.emitError(nameLoc) << "duplicate activation parameter '" << name
                                << "'";
      return {};
    }
    if (parser.parseEqual() || parser.parseFloat(value))
      return {};
    slot = f32Attr(ctx, value);
  }
  if (parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(loc); }, ctx, *kind,
                    params[0], params[1], params[2]);
}

void ActivationAttr::print(AsmPrinter &printer) const {
  printer << '<' << stringifyActivationKind(getKind());
  auto printParam = [&](StringRef name, FloatAttr value) {
    if (!value)
      return;
    printer << ", " << name << " = ";
    printer.printFloat(value.getValue());
  };
  printParam("min", getMin());
  printParam("max", getMax());
  printParam("alpha", getAlpha());
  printer << '>';
}

void EdgeDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "edgec/Dialect/Edge/EdgeAttrs.cpp.inc"
      >();
}
