"""The public API is small and pinned: a change here is a change of contract."""

import carbon


def test_public_names():
    assert sorted(carbon.__all__) == sorted([
        "__version__", "load_inventory", "calculate", "summarise", "build_report", "write_report",
        "Inventory", "CarbonError", "ConfigError", "InputError", "Issue"])
    for name in carbon.__all__:
        assert getattr(carbon, name) is not None


def test_errors_form_one_tree():
    assert issubclass(carbon.InputError, carbon.CarbonError)
    assert issubclass(carbon.ConfigError, carbon.CarbonError)
