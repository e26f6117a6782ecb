// muParser-backed formulas. Each Expression owns its parser and one double per variable; the
// parser holds pointers into that storage, so evaluate() only copies values in and calls Eval.
#include "sim/expr/expression.hpp"

#include <muParser.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>

namespace peaksim::expr {
namespace {

double mod(double a, double b) {
  // Mathematical modulo: the result has the sign of b (mod(-1, 20) = 19), unlike fmod.
  double r = std::fmod(a, b);
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

// muParser messages end in "at position N." and start with a capital; we report the position
// ourselves (1-based, clamped to one past the end) so the message reads as one sentence.
std::string syntax_message(const mu::Parser::exception_type& e, const std::string& text) {
  std::string msg = e.GetMsg();
  if (auto at = msg.find(" at position "); at != std::string::npos) msg.erase(at);
  while (!msg.empty() && (msg.back() == '.' || msg.back() == ' ')) msg.pop_back();
  if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
  const int pos = std::clamp(e.GetPos(), 0, static_cast<int>(text.size())) + 1;
  return "syntax error at position " + std::to_string(pos) + ": " + msg;
}

// The unknown variable that appears first in the text (GetUsedVar reports them sorted by name).
std::string first_in_text(const std::string& text, const std::vector<std::string>& unknown) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!(std::isalnum(c) || c == '_')) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
    const std::string word = text.substr(i, j - i);
    if (std::find(unknown.begin(), unknown.end(), word) != unknown.end()) return word;
    i = j;
  }
  return unknown.front();
}

}  // namespace

struct Expression::Impl {
  mu::Parser parser;
  std::vector<double> storage;  // never resized after construction: the parser points into it
  std::vector<std::string> used;
};

Expression::Expression(const std::string& text, const std::vector<std::string>& variables)
    : text_(text), impl_(std::make_unique<Impl>()) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) throw ExpressionError("the formula is empty");
  auto& p = impl_->parser;
  impl_->storage.assign(variables.size(), 0.0);
  try {
    p.DefineFun(
        "ceil", +[](double a) { return std::ceil(a); });
    p.DefineFun(
        "floor", +[](double a) { return std::floor(a); });
    p.DefineFun(
        "round", +[](double a) { return std::round(a); });  // half away from zero
    p.DefineFun(
        "mod", +[](double a, double b) { return mod(a, b); });
    for (std::size_t k = 0; k < variables.size(); ++k) p.DefineVar(variables[k], &impl_->storage[k]);
    p.SetExpr(text);
    // GetUsedVar also lists names that are not defined, which lets us name them.
    std::vector<std::string> unknown;
    for (const auto& [name, ptr] : p.GetUsedVar()) {
      impl_->used.push_back(name);
      if (std::find(variables.begin(), variables.end(), name) == variables.end()) unknown.push_back(name);
    }
    if (!unknown.empty())
      throw ExpressionError("unknown variable '" + first_in_text(text, unknown) + "' (known: " + join(variables) + ")");
    p.Eval();  // compiles to bytecode: any remaining syntax error surfaces here, not mid-run
    if (p.GetNumResults() != 1)
      throw ExpressionError("expected one value; got " + std::to_string(p.GetNumResults()) + " separated by commas");
  } catch (const mu::Parser::exception_type& e) {
    throw ExpressionError(syntax_message(e, text));
  }
}

Expression::~Expression() = default;
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;

bool Expression::uses(const std::string& variable) const {
  return std::find(impl_->used.begin(), impl_->used.end(), variable) != impl_->used.end();
}

double Expression::evaluate(const std::vector<double>& values) const {
  if (values.size() != impl_->storage.size())
    throw ExpressionError("formula '" + text_ + "': expected " + std::to_string(impl_->storage.size()) +
                          " variable values; got " + std::to_string(values.size()));
  std::copy(values.begin(), values.end(), impl_->storage.begin());
  try {
    return impl_->parser.Eval();
  } catch (const mu::Parser::exception_type& e) {
    throw ExpressionError("formula '" + text_ + "': " + std::string(e.GetMsg()));
  }
}

}  // namespace peaksim::expr
