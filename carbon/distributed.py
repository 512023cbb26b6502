"""The distributed backend: the streaming engine's calculation on a Dask cluster.

Why Dask (and not PySpark): the engine's unit of work is a Python function over an Arrow batch
(:meth:`carbon.stream.Kernel.process`) that uses the project's own resolution code (pint, the factor
library, the GWP table). Dask ships that function and a small broadcast object to worker processes as
they are, with no JVM, no serialisation of rows between the JVM and Python, and the same
``pip install``; it runs on a laptop (``LocalCluster``), on a cluster of machines
(``dask-scheduler`` / ``dask-worker``), on Kubernetes, YARN or HPC schedulers (dask-kubernetes,
dask-yarn, dask-jobqueue) with the same code. Spark would need the calculation rewritten as Spark SQL
or pandas UDFs moving every batch through Arrow between the JVM and Python workers.

The run, on a Dask client:

1. The driver reads the small tables (inventory.toml, factors, GWPs, currency, boundary, instruments)
   and plans the parts: one per Parquet row group (a partitioned Parquet folder, ``year=2023/``
   segments included) and one per CSV or Excel file.
2. Workers collect the distinct (activity, region, year, unit) and (gas, unit) keys of their parts
   (reading only what a key needs); the driver resolves each key once, in sorted order, and
   broadcasts the lookup (a few thousand keys, t CO2e per unit each).
3. Workers run the same batch function as the local engine on their parts: validation, one lookup and
   one multiply per record, exact partial sums; each writes its part of the ledger
   (``LEDGER/part-NNNNN.parquet``) and spills the hashes of its record ids into 64 buckets.
4. One task per bucket finds repeated hashes; repeated ones are checked against the real ids.
5. The driver merges the partial sums (exactly: integer arithmetic, so the totals do not depend on the
   number of workers or the order in which parts finish), applies the Scope 2 instruments on the
   aggregated consumption and writes the keys table beside the ledger folder.

Workers must see the inventory folder and the ledger folder at the same paths as the driver (a shared
file system: NFS, a cluster volume, the same machine). See docs/scale.md for pointing it at a cluster.
"""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
import time
from pathlib import Path

from .errors import InputError, Issue
from .stream import (
    ID_BUCKETS,
    Accumulator,
    IdSpill,
    Issues,
    Kernel,
    LedgerSink,
    Part,
    Raw,
    StreamResult,
    Unread,
    duplicate_hashes,
    duplicate_issues,
    find_ids,
    finish,
    plan,
    prepare,
    read_part,
)

__all__ = ["calculate_dask"]


def _collect_keys(part: Part, kernel: Kernel, root: str, batch_rows: int) -> set:
    """The keys (activity, region, year, unit / gas, unit) of one part's valid records."""
    k = copy.copy(kernel)
    k.collect, k.pending = True, set()
    acc = Accumulator(Issues(0))
    for item in read_part(part, Path(root), batch_rows, k.read_columns):
        if isinstance(item, Raw):
            k.process(item, acc, want_ledger=False)
    return k.pending


def _process_part(index: int, part: Part, kernel: Kernel, root: str, batch_rows: int, out_dir: str, ids_dir: str,
                  max_issues: int) -> tuple[Accumulator, dict]:
    """One part through the batch function: its ledger file, its id hashes, its partial totals."""
    k = copy.copy(kernel)
    acc = Accumulator(Issues(max_issues))
    malformed: dict = {}
    sink = LedgerSink(Path(out_dir) / f"part-{index:05d}.parquet", k.ledger_schema)
    spill = IdSpill(Path(ids_dir), f"p{index:05d}")
    try:
        for item in read_part(part, Path(root), batch_rows, k.read_columns, malformed):
            if isinstance(item, Issue):
                acc.issues.add_issue(item)
            elif isinstance(item, Unread):
                acc.read += item.count
            else:
                batch, ids = k.process(item, acc)
                if batch is not None:
                    sink.write(batch)
                if ids is not None and len(ids):
                    spill.add(ids)
        sink.finish(keep=not acc.failed and sink.writer is not None)
    except BaseException:
        sink.finish(keep=False)
        raise
    finally:
        spill.close()
    return acc, malformed


def _duplicates(bucket: int, ids_dir: str):
    return duplicate_hashes(Path(ids_dir), bucket)


def _find(part: Part, root: str, batch_rows: int, candidates) -> list:
    return find_ids(part, Path(root), batch_rows, candidates)


def calculate_dask(inventory_root: str | Path, ledger_path: str | Path | None, scheduler=None,
                   batch_rows: int = 1_000_000, *, max_issues: int = 1000, raise_on_issues: bool = True,
                   workdir: str | Path | None = None) -> StreamResult:
    """Calculate the inventory on a Dask cluster; the same results as
    :func:`carbon.stream.calculate_stream`, to the last digit.

    ``scheduler``: a ``distributed.Client``, a cluster object, or a scheduler address
    (``tcp://host:8786``); None starts a local cluster (one single-threaded worker process per core)
    for the run. ``ledger_path``: a folder, written as partitioned Parquet (``part-NNNNN.parquet``,
    one per input part), with ``<folder>.keys.parquet`` beside it; None: totals only. ``workdir``: where
    the id hashes are spilled (default: beside the ledger, else a temporary folder); it must be
    visible to every worker.
    """
    from distributed import Client, LocalCluster

    started = time.perf_counter()
    setup = prepare(inventory_root)
    root = str(setup.root.resolve())
    parts = plan(setup, split_row_groups=True)
    kernel = Kernel(setup)
    ledger = Path(ledger_path).resolve() if ledger_path is not None else None
    own = []
    if scheduler is None:
        cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        own = [client, cluster]
    elif isinstance(scheduler, Client):
        client = scheduler
    else:
        client = Client(scheduler)
        own = [client]
    base = Path(workdir) if workdir is not None else (ledger.parent if ledger is not None else None)
    work = Path(tempfile.mkdtemp(prefix=".carbon-dask-", dir=base))
    out_dir, ids_dir = work / "ledger", work / "ids"
    out_dir.mkdir()
    ids_dir.mkdir()
    try:
        # 1. the distinct keys, resolved once on the driver and broadcast
        collecting = client.scatter(kernel, broadcast=True)
        found = client.gather(client.map(_collect_keys, parts, kernel=collecting, root=root, batch_rows=batch_rows,
                                         pure=False))
        kernel.add_keys(set().union(*found) if found else set())
        kernel._refresh()
        kernel.frozen = True
        frozen = client.scatter(kernel, broadcast=True)
        # 2. every part through the batch function
        results = client.gather(client.map(_process_part, range(len(parts)), parts, kernel=frozen, root=root,
                                           batch_rows=batch_rows, out_dir=str(out_dir), ids_dir=str(ids_dir),
                                           max_issues=max_issues, pure=False))
        acc = Accumulator(Issues(max_issues))
        for issue in setup.issues:
            acc.issues.add_issue(issue)
        malformed: dict = {}
        for part_acc, part_malformed in results:
            acc.merge(part_acc)
            malformed.update(part_malformed)
        # 3. duplicate record ids across all parts
        repeated = client.gather(client.map(_duplicates, range(ID_BUCKETS), ids_dir=str(ids_dir), pure=False))
        candidates = [c for c in repeated if len(c)]
        if candidates:
            import numpy as np

            candidates = np.concatenate(candidates)
            places = client.gather(client.map(_find, parts, root=root, batch_rows=batch_rows, candidates=candidates,
                                              pure=False))
            for issue in duplicate_issues([p for found_ids in places for p in found_ids]):
                acc.issues.add_issue(issue)
        # 4. totals, Scope 2 market figures, keys table, conservation
        result = finish(setup, kernel, acc, ledger, malformed, started)
        if result.issue_count == 0 and ledger is not None:
            if ledger.exists():
                shutil.rmtree(ledger) if ledger.is_dir() else ledger.unlink()
            os.replace(out_dir, ledger)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        for thing in own:
            thing.close()
    if result.issue_count and raise_on_issues:
        raise InputError(result.issues, headline=f"inventory {setup.root} cannot be calculated")
    return result
