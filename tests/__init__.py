"""The test suite of pension_subsidy (a package, so that helpers import as ``tests.…``)."""
