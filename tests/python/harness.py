"""What the scripts of tests/python share: a registry of named checks, a runner that reports every
check and carries on past failures, and the expectations the checks use."""

import traceback

import numpy as np


class Checks:
    """Collects check functions in definition order (use an instance as a decorator) and runs them."""

    def __init__(self):
        self.functions = []

    def __call__(self, fn):
        self.functions.append(fn)
        return fn

    def run(self, arg):
        """Calls every check with arg, prints PASS/FAIL for each and a summary; the exit status."""
        passed = failed = 0
        for fn in self.functions:
            try:
                fn(arg)
                passed += 1
                print(f"PASS {fn.__name__}")
            except Exception:  # report every failure, then carry on with the rest
                failed += 1
                print(f"FAIL {fn.__name__}")
                traceback.print_exc()
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def expect_equal(actual, expected, what):
    if isinstance(expected, np.ndarray) or isinstance(actual, np.ndarray):
        ok = np.array_equal(np.asarray(actual), np.asarray(expected))
    else:
        ok = actual == expected
    if not ok:
        raise AssertionError(f"{what}: got {actual!r}, expected {expected!r}")


def expect_close(actual, expected, what, rel=1e-12):
    """Numbers or arrays equal to rel (relative), or to 1e-12 near zero."""
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    if actual.shape != expected.shape or not np.allclose(actual, expected, rtol=rel, atol=1e-12):
        raise AssertionError(f"{what}: got {actual.tolist()}, expected {expected.tolist()}")


def expect_raises(kind, words, fn):
    """fn() raises kind with a message holding every one of words."""
    try:
        fn()
    except kind as e:
        missing = [w for w in words if w not in str(e)]
        if missing:
            raise AssertionError(f"{kind.__name__} message lacks {missing}: {e}")
        return
    raise AssertionError(f"expected {kind.__name__} mentioning {words}")
