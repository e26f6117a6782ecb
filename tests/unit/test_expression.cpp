// Formulas: the functions peaksim adds to muParser, variable binding, and the error messages.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/expr/expression.hpp"

using peaksim::expr::Expression;
using peaksim::expr::ExpressionError;

namespace {

double eval(const std::string& text) { return Expression(text, {}).evaluate({}); }

std::string error_of(const std::string& text, const std::vector<std::string>& vars) {
  try {
    Expression e(text, vars);
  } catch (const ExpressionError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("ceil, floor and round give whole numbers, round taking halves away from zero") {
  CHECK(eval("ceil(1.2)") == 2);
  CHECK(eval("ceil(-1.2)") == -1);
  CHECK(eval("floor(1.8)") == 1);
  CHECK(eval("floor(-1.2)") == -2);
  CHECK(eval("round(2.5)") == 3);
  CHECK(eval("round(-2.5)") == -3);
  CHECK(eval("round(2.4999)") == 2);
}

TEST_CASE("mod is a mathematical modulo whose result has the sign of the divisor") {
  CHECK(eval("mod(7, 3)") == 1);
  CHECK(eval("mod(-1, 20)") == 19);
  CHECK(eval("mod(7, -3)") == -2);
  CHECK(eval("mod(-7, -3)") == -1);
  CHECK(eval("mod(40, 20)") == 0);
  CHECK(eval("mod(5.5, 2)") == doctest::Approx(1.5));
}

TEST_CASE("muParser's own functions and operators are available") {
  CHECK(eval("sqrt(16)") == 4);
  CHECK(eval("min(3, 1, 2)") == 1);
  CHECK(eval("max(3, 1, 2)") == 3);
  CHECK(eval("2^10") == 1024);
  CHECK(eval("ln(exp(2))") == doctest::Approx(2));
  CHECK(eval("abs(-4)") == 4);
}

TEST_CASE("variables are bound by name in the order given, and the expression can be evaluated many times") {
  Expression e("ceil(4*m + 4*sqrt(m)) + i", {"i", "m"});
  CHECK(e.evaluate({0, 4}) == 24);
  CHECK(e.evaluate({1, 9}) == 49);
  CHECK(e.evaluate({0, 4}) == 24);  // no state left over from the previous call
  CHECK(e.text() == "ceil(4*m + 4*sqrt(m)) + i");

  Expression moved = std::move(e);  // the parser's pointers follow the storage
  CHECK(moved.evaluate({2, 1}) == 10);
  CHECK_THROWS_AS(moved.evaluate({1}), ExpressionError);
}

TEST_CASE("an unknown variable is named together with the known ones") {
  CHECK(error_of("ceil(4*mu)", {"i", "m", "L", "R", "price", "cost"}) ==
        "unknown variable 'mu' (known: i, m, L, R, price, cost)");
  // The first unknown name in the text is reported, not the first alphabetically.
  CHECK(error_of("zeta + alpha", {"m"}) == "unknown variable 'zeta' (known: m)");
  CHECK(error_of("x", {}) == "unknown variable 'x' (known: none)");
}

TEST_CASE("syntax errors give a 1-based position and muParser's reason") {
  CHECK(error_of("1 +", {}) == "syntax error at position 4: unexpected end of expression");
  CHECK(error_of("s + (1", {"s"}) == "syntax error at position 7: missing parenthesis");
  CHECK(error_of("2 % 3", {}).rfind("syntax error at position 3: ", 0) == 0);
  CHECK(error_of("  ", {}) == "the formula is empty");
  CHECK(error_of("1, 2", {}) == "expected one value; got 2 separated by commas");
}
