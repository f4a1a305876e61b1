"""The ingest lease on a real `chroma run` server (and, where one process is enough, on the store in memory too):
one holder at a time, by construction, never by timing.

Six claimers race for it twenty times; each round exactly one holds it and commits a generation.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable
from typing import Any

import chromadb
import pytest

from policykb.kb.lock import IngestBusyError, IngestConflictError, Lease
from policykb.kb.manifest import FORMAT, Manifest
from policykb.kb.storage import LeaseRecord, Store
from policykb.kb.store import KnowledgeStore
from tests.memory_store import MemoryStore
from tests.test_server import chroma_server  # noqa: F401 - the fixture, used by name

pytestmark = pytest.mark.slow

CLAIMERS = 6
ROUNDS = 20


def server_store(port: int, namespace: str) -> KnowledgeStore:
    return KnowledgeStore(chromadb.HttpClient(host="127.0.0.1", port=port), namespace)


@pytest.fixture(params=["server", "memory"])
def lease_store(request: pytest.FixtureRequest) -> Callable[[str], Store]:
    """A new store by namespace: on the `chroma run` server, or in memory (the protocol, not Chroma)."""
    if request.param == "memory":
        return lambda namespace: MemoryStore()
    port = request.getfixturevalue("chroma_server")
    return lambda namespace: server_store(port, namespace)


def lease_numbers(store: Store) -> list[int]:
    """The numbers of the lease records the store holds."""
    if isinstance(store, MemoryStore):
        return sorted(store.leases)
    return [int(i.rsplit("-", 1)[1]) for i in store._meta().get(where={"kind": "lease"})["ids"]]  # type: ignore[attr-defined]


def claimer(port: int, namespace: str, start: Any, results: Any) -> None:
    """A process that tries once for the lease in each round, all of them at the same moment; the one that
    gets it commits the next generation, as an ingest does (checked against the base it read)."""
    store = server_store(port, namespace)
    for _ in range(ROUNDS):
        start.wait()
        lease = Lease(store, ttl=60)
        try:
            lease.acquire(timeout=0)
            won = True
        except IngestBusyError:
            won = False
        if won:
            current = store.manifest()
            base = current.generation if current else 0
            lease.check()
            store.commit(Manifest(base + 1, "test", "none", 1, 160, format=FORMAT), base=base)
        results.put((won, lease.number if won else None))
        start.wait()  # every claimer has tried: the winner lets go for the next round
        if won:
            lease.release()
        start.wait()


def test_of_many_claimers_at_once_exactly_one_holds(chroma_server):  # noqa: F811
    context = mp.get_context("fork")  # no model in these processes: fork is safe and quick
    start, results = context.Barrier(CLAIMERS), context.Queue()
    processes = [
        context.Process(target=claimer, args=(chroma_server, "claims", start, results), daemon=True)
        for _ in range(CLAIMERS)
    ]
    for process in processes:
        process.start()
    rounds = [[results.get(timeout=120) for _ in range(CLAIMERS)] for _ in range(ROUNDS)]
    for process in processes:
        process.join(timeout=60)
    winners = [[number for won, number in outcome if won] for outcome in rounds]
    assert all(len(w) == 1 for w in winners), winners
    assert [w[0] for w in winners] == list(range(1, ROUNDS + 1))  # each round one new number, in order
    manifest = server_store(chroma_server, "claims").manifest()
    assert manifest is not None and manifest.generation == ROUNDS  # one commit a round, none refused


def test_takeover_claims_the_next_number_and_never_removes_it(lease_store):
    store = lease_store("takeover")
    stalled = Lease(store, ttl=2.5)  # long enough to stay live through one look on a loaded machine (1 s was not)
    stalled.acquire(timeout=0)
    assert stalled.number == 1
    with pytest.raises(IngestBusyError):
        Lease(store, ttl=60).acquire(timeout=0)  # live: nobody takes it
    live = store.latest_lease()
    assert live is not None and live.number == 1
    time.sleep(max(0.0, live.expires - time.time()) + 0.1)  # the holder stalls past its lease, to the lease's own end
    successor = Lease(store, ttl=60)
    successor.acquire(timeout=0)
    assert successor.number == 2
    with pytest.raises(IngestConflictError):
        stalled.check()
    with pytest.raises(IngestConflictError):
        stalled.renew()
    stalled.release()  # the stalled writer wakes and lets go: of nothing that is still its own
    current = store.latest_lease()
    assert current is not None and (current.number, current.owner, current.released) == (2, successor.owner, False)
    successor.check()
    assert lease_numbers(store) == [2]  # the superseded one pruned


def test_a_claim_of_a_pruned_number_does_not_hold(lease_store):
    """A writer that read the lease long ago claims a number since pruned: the insert succeeds, the lease is not its."""
    store = lease_store("pruned")
    first = Lease(store, ttl=60)
    first.acquire(timeout=0)
    first.release()
    second = Lease(store, ttl=60)
    second.acquire(timeout=0)  # holds 2, pruned 1
    late = Lease(store, ttl=60)
    assert store.claim_lease(LeaseRecord(1, late.owner, time.time() + 60))  # the slow writer's insert goes in
    late.number = 1
    with pytest.raises(IngestConflictError):
        late.check()  # 2 is the current lease
    second.check()
    assert store.latest_lease().owner == second.owner  # type: ignore[union-attr]


def test_a_released_lease_is_free_at_once_and_a_held_one_is_renewed(lease_store):
    store = lease_store("renewed")
    lease = Lease(store, ttl=2.0)
    lease.acquire(timeout=0)
    before = store.latest_lease().expires  # type: ignore[union-attr]
    lease.renew()
    assert store.latest_lease().expires > before  # type: ignore[union-attr]
    lease.release()
    assert store.latest_lease().released  # type: ignore[union-attr]
    other = Lease(store, ttl=60)
    other.acquire(timeout=0)  # no waiting for the released one to expire
    assert other.number == 2
    other.release()
