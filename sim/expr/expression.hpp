// Formulas in scenarios ("ceil(4*m + 4*sqrt(m))"), compiled once and evaluated per SKU.
// Backed by muParser; adds ceil, floor, round and mod.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace peaksim::expr {

class Expression {
public:
  // Throws ExpressionError when the text does not parse or uses a variable not in `variables`.
  Expression(const std::string& text, const std::vector<std::string>& variables);
  ~Expression();
  Expression(Expression&&) noexcept;
  Expression& operator=(Expression&&) noexcept;

  // Values in the same order as the `variables` given to the constructor.
  double evaluate(const std::vector<double>& values) const;
  const std::string& text() const { return text_; }
  // Whether the formula refers to the variable (levels that follow the calendar are re-evaluated).
  bool uses(const std::string& variable) const;

private:
  struct Impl;
  std::string text_;
  std::unique_ptr<Impl> impl_;
};

struct ExpressionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace peaksim::expr
