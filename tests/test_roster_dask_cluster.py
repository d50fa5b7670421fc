"""The library's Dask client (roster.dask_cluster): local cluster, address, refusals."""

from __future__ import annotations

import sys

import pytest

from pension_subsidy.exceptions import DataFileError, MissingDependencyError
from pension_subsidy.roster.dask_cluster import dask_client, is_scheduler


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tcp://10.0.0.5:8786", True),
        ("tls://sched.example:443", True),
        ("tcp://[::1]:8786", True),
        ("local", True),
        ("local:4", True),
        ("local:0", False),
        ("local:12345", False),
        ("host:8786", False),
        ("tcp://host:70000", False),
        ("tcp://host:0", False),
        ("", False),
    ],
)
def test_is_scheduler(text: str, expected: bool) -> None:
    assert is_scheduler(text) is expected


def test_unreachable_scheduler_said_at_once() -> None:
    """Nobody answers at port 1: a DataFileError with its code, before any client."""
    with pytest.raises(DataFileError) as caught, dask_client("tcp://127.0.0.1:1"):
        pass  # pragma: no cover - never entered
    assert caught.value.code == "roster.cli.unreachable"
    assert "cannot reach the Dask scheduler 'tcp://127.0.0.1:1': " in str(caught.value)


def test_without_the_extra_names_the_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed: ImportError
    with pytest.raises(MissingDependencyError) as caught, dask_client("local:1", option="--dask"):
        pass  # pragma: no cover - never entered
    assert str(caught.value) == ("--dask needs distributed: pip install 'pension-subsidy[dask]'")
    with pytest.raises(MissingDependencyError, match=r"^dask_client needs"), dask_client("local"):
        pass  # pragma: no cover - never entered


def test_a_local_cluster_of_one_worker_runs_and_closes() -> None:
    pytest.importorskip("distributed")
    with dask_client("local:1") as client:
        assert len(client.scheduler_info()["workers"]) == 1
        assert client.submit(sum, [1, 2, 3]).result() == 6
    assert client.status == "closed"
